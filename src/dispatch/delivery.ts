import type { QuietHours } from './quiet-hours.js';
import type { Channel } from './sendable-announcement.port.js';

/**
 * `waiting_translation → planned → queued → sending → sent`, or `failed`, or `cancelled` before sending, or
 * `expired` when the announcement's `validUntil` passed before it was sent (a notice that is no longer true must
 * not reach a group that was paused, capped or in quiet hours until then).
 * `waiting_translation` holds a target whose language has no approved translation yet; it is planned when
 * the translation is approved, never sent in another language (urgent notices use the fallback instead).
 */
export const DELIVERY_STATES = ['waiting_translation', 'planned', 'queued', 'sending', 'sent', 'failed', 'cancelled', 'expired'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** States a delivery can still leave by being sent; `cancel` stops these. */
export const PENDING_STATES: readonly DeliveryState[] = ['waiting_translation', 'planned', 'queued'];

export interface Delivery {
  id: string;
  announcementId: string;
  announcementVersion: number;
  targetKey: string;
  /** A group, or a citizen's direct chat (sent as a direct message). */
  targetKind: 'group' | 'citizen';
  account: string;
  chatId: string;
  channel: Channel;
  /** The target's language; with `fallback` the text is the urgent fallback, not a translation. */
  language: string;
  fallback: boolean;
  priority: 'normal' | 'urgent';
  parts: string[];
  state: DeliveryState;
  /** Send attempts that reached the platform and failed or were interrupted. */
  attempts: number;
  partsSent: number;
  messageIds: string[];
  /** How many times a worker died while this delivery was `sending` (see the README's delivery guarantee). */
  interruptions: number;
  reason?: string;
  notBefore?: Date;
  /** The announcement's `scheduledAt` it was planned for; `notBefore` may move later (quiet hours, retries), this does not. */
  scheduledAt?: Date;
  /** The announcement's `validUntil`: not sent from this moment on. */
  validUntil?: Date;
  quietHours?: QuietHours;
  plannedAt: Date;
  sentAt?: Date;
  updatedAt: Date;
  /** Deliveries into a citizen's chat are deleted then (RETENTION_MESSAGE_DAYS after planning); groups' are kept. */
  expireAt?: Date;
  /** What the platform reported afterwards about a send to many (a WeChat mass send's `MASSSENDJOBFINISH`). */
  platformReport?: PlatformReport;
}

/** A mass send's outcome as WeChat reports it: its status words and how many followers it reached. */
export interface PlatformReport {
  status: string;
  total: number;
  sent: number;
  errors: number;
  at: Date;
}

/** What the sender needs of a delivery it claims: `claim` reads only these fields. */
export type ClaimedDelivery = Pick<
  Delivery,
  'id' | 'announcementId' | 'targetKind' | 'chatId' | 'priority' | 'parts' | 'state' | 'attempts' | 'partsSent' | 'reason' | 'notBefore' | 'validUntil' | 'quietHours'
>;

export type NewDelivery = Omit<Delivery, 'id' | 'attempts' | 'partsSent' | 'messageIds' | 'interruptions' | 'updatedAt' | 'reason' | 'sentAt' | 'platformReport'>;
