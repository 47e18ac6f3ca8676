import { Types, type Connection, type Model } from 'mongoose';
import { deliveryModel, type DeliveryDocument } from './delivery.model.js';
import type { Delivery, DeliveryState, PlatformReport } from './delivery.js';
import type { DeliveryContents } from './delivery-contents.repository.js';
import type { Channel } from './sendable-announcement.port.js';
import { toDelivery, UNFINISHED, type StoredDelivery } from './stored-delivery.js';
import { isObjectId } from '../platform/db/object-id.js';

export interface DeliveryFilter {
  announcementId: string;
  version?: number;
  state?: DeliveryState;
  language?: string;
  channel?: Channel;
}

export interface DeliveryCount {
  state: DeliveryState;
  language: string;
  channel: Channel;
  count: number;
}

/** Where an announcement's deliveries are, for staff and for the announcement's status; and the platform's later reports. */
export class DeliveryReports {
  private readonly deliveries: Model<DeliveryDocument>;

  constructor(
    db: Connection,
    private readonly contents: DeliveryContents,
  ) {
    this.deliveries = deliveryModel(db);
  }

  async list(filter: DeliveryFilter, page: { limit: number; after?: string }): Promise<Delivery[]> {
    const query: Record<string, unknown> = { announcementId: filter.announcementId };
    if (filter.version !== undefined) query.announcementVersion = filter.version;
    if (filter.state) query.state = filter.state;
    if (filter.language) query.language = filter.language;
    if (filter.channel) query.channel = filter.channel;
    if (page.after && isObjectId(page.after)) query._id = { $gt: new Types.ObjectId(page.after) };
    const docs = await this.deliveries.find(query).sort({ _id: 1 }).limit(page.limit).lean<StoredDelivery[]>();
    return this.contents.mapWithParts(docs, toDelivery);
  }

  async countByStateLanguageChannel(announcementId: string): Promise<DeliveryCount[]> {
    const rows = await this.deliveries.aggregate<{ _id: { state: DeliveryState; language: string; channel: Channel }; count: number }>([
      { $match: { announcementId } },
      { $group: { _id: { state: '$state', language: '$language', channel: '$channel' }, count: { $sum: 1 } } },
    ]);
    return rows
      .map((r) => ({ ...r._id, count: r.count }))
      .sort((a, b) => a.state.localeCompare(b.state) || a.language.localeCompare(b.language) || a.channel.localeCompare(b.channel));
  }

  /** Per account, the announcement's deliveries sent and those still to send (waiting for a translation: not yet). */
  async progressByAccount(announcementId: string): Promise<Array<{ account: string; sent: number; remaining: number; lastSentAt?: Date }>> {
    const rows = await this.deliveries.aggregate<{ _id: string; sent: number; remaining: number; lastSentAt: Date | null }>([
      { $match: { announcementId, state: { $in: ['planned', 'queued', 'sending', 'sent'] } } },
      {
        $group: {
          _id: '$account',
          sent: { $sum: { $cond: [{ $eq: ['$state', 'sent'] }, 1, 0] } },
          remaining: { $sum: { $cond: [{ $eq: ['$state', 'sent'] }, 0, 1] } },
          lastSentAt: { $max: '$sentAt' },
        },
      },
    ]);
    return rows
      .map((r) => ({ account: r._id, sent: r.sent, remaining: r.remaining, ...(r.lastSentAt ? { lastSentAt: r.lastSentAt } : {}) }))
      .sort((a, b) => a.account.localeCompare(b.account));
  }

  /** Of the announcement's deliveries that went or failed, how many, and of the failed ones how many per platform reason. */
  async failureReport(announcementId: string): Promise<{ attempted: number; failed: Array<{ reason: string; count: number }> }> {
    const rows = await this.deliveries.aggregate<{ _id: { state: string; reason: string | null }; count: number }>([
      { $match: { announcementId, state: { $in: ['sent', 'failed'] } } },
      { $group: { _id: { state: '$state', reason: { $ifNull: ['$reason', null] } }, count: { $sum: 1 } } },
    ]);
    const attempted = rows.reduce((sum, r) => sum + r.count, 0);
    const failed = rows
      .filter((r) => r._id.state === 'failed')
      .map((r) => ({ reason: r._id.reason ?? 'unknown', count: r.count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
    return { attempted, failed };
  }

  /**
   * Whether a delivery is planned and not finished; those waiting for a translation do not count. One document
   * answers it: a count would match every delivery still in flight, each second of a large fan-out.
   */
  async hasInFlight(announcementId: string): Promise<boolean> {
    return (await this.deliveries.collection.findOne({ state: { $in: UNFINISHED }, announcementId }, { projection: { _id: 1 } })) !== null;
  }

  /**
   * The platform's later report on the delivery that carried `messageId` on `account`; a report may arrive before
   * the delivery is marked sent (WeChat posts it when the mass send is done), so it matches any state.
   */
  async recordPlatformReport(account: string, messageId: string, report: PlatformReport): Promise<number> {
    const { errors, ...counts } = report;
    const result = await this.deliveries.collection.updateMany({ account, messageIds: messageId }, { $set: { platformReport: { ...counts, errorCount: errors }, updatedAt: new Date() } });
    return result.modifiedCount;
  }
}
