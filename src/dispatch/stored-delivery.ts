import type { Types } from 'mongoose';
import type { DeliveryDocument } from './delivery.model.js';
import type { ClaimedDelivery, Delivery, DeliveryState } from './delivery.js';
import type { Channel } from './sendable-announcement.port.js';

/** A delivery as the driver returns it; the repositories of this folder map it to `Delivery` here. */
export type StoredDelivery = DeliveryDocument & { _id: Types.ObjectId; updatedAt: Date };

/** States a worker still acts on: start-up recovery queues them again, progress waits for them. */
export const UNFINISHED: DeliveryState[] = ['planned', 'queued', 'sending'];

export function toDelivery(doc: StoredDelivery, parts: readonly string[]): Delivery {
  return {
    id: String(doc._id),
    announcementId: doc.announcementId,
    announcementVersion: doc.announcementVersion,
    targetKey: doc.targetKey,
    targetKind: doc.targetKind as Delivery['targetKind'],
    account: doc.account,
    chatId: doc.chatId,
    channel: doc.channel as Channel,
    language: doc.language,
    fallback: doc.fallback,
    priority: doc.priority as Delivery['priority'],
    parts: [...parts],
    state: doc.state as DeliveryState,
    attempts: doc.attempts ?? 0,
    partsSent: doc.partsSent ?? 0,
    messageIds: [...(doc.messageIds ?? [])],
    interruptions: doc.interruptions ?? 0,
    plannedAt: doc.plannedAt,
    updatedAt: doc.updatedAt,
    ...(doc.reason ? { reason: doc.reason } : {}),
    ...(doc.notBefore ? { notBefore: doc.notBefore } : {}),
    ...(doc.scheduledAt ? { scheduledAt: doc.scheduledAt } : {}),
    ...(doc.validUntil ? { validUntil: doc.validUntil } : {}),
    ...(doc.sentAt ? { sentAt: doc.sentAt } : {}),
    ...(doc.quietHours?.from && doc.quietHours.to ? { quietHours: { from: doc.quietHours.from, to: doc.quietHours.to } } : {}),
    ...(doc.platformReport?.at
      ? { platformReport: { status: doc.platformReport.status ?? '', total: doc.platformReport.total ?? 0, sent: doc.platformReport.sent ?? 0, errors: doc.platformReport.errorCount ?? 0, at: doc.platformReport.at } }
      : {}),
  };
}

export function toClaimed(doc: StoredDelivery, parts: readonly string[]): ClaimedDelivery {
  return {
    id: String(doc._id),
    announcementId: doc.announcementId,
    targetKind: doc.targetKind as Delivery['targetKind'],
    chatId: doc.chatId,
    priority: doc.priority as Delivery['priority'],
    parts: parts as string[],
    state: doc.state as DeliveryState,
    attempts: doc.attempts ?? 0,
    partsSent: doc.partsSent ?? 0,
    ...(doc.reason ? { reason: doc.reason } : {}),
    ...(doc.notBefore ? { notBefore: doc.notBefore } : {}),
    ...(doc.validUntil ? { validUntil: doc.validUntil } : {}),
    ...(doc.quietHours?.from && doc.quietHours.to ? { quietHours: { from: doc.quietHours.from, to: doc.quietHours.to } } : {}),
  };
}
