import type { Connection, Model, Types } from 'mongoose';
import { deliveryModel, type DeliveryDocument } from './delivery.model.js';
import { PENDING_STATES, type Delivery } from './delivery.js';
import type { DeliveryContents } from './delivery-contents.repository.js';
import { EXPIRED_REASON } from './delivery-sending.repository.js';
import { toDelivery, type StoredDelivery } from './stored-delivery.js';

/** Changes to every delivery of an announcement at once: a new version, a new time, its end, a retry of the failed. */
export class AnnouncementDeliveries {
  private readonly deliveries: Model<DeliveryDocument>;

  constructor(
    db: Connection,
    private readonly contents: DeliveryContents,
  ) {
    this.deliveries = deliveryModel(db);
  }

  /** A newer version was published: what the older ones had not sent yet will not be sent. */
  async supersede(announcementId: string, version: number): Promise<void> {
    await this.deliveries.updateMany(
      { announcementId, announcementVersion: { $lt: version }, state: { $in: PENDING_STATES } },
      { $set: { state: 'cancelled', reason: `superseded by version ${version}` } },
    );
  }

  /**
   * The announcement was published again for another time: its unsent deliveries of this version take it as
   * their `notBefore`. Returns the queued ones, whose jobs must move too; an unchanged time changes nothing.
   */
  async reschedule(announcementId: string, version: number, scheduledAt: Date): Promise<Delivery[]> {
    const filter = { announcementId, announcementVersion: version, state: { $in: PENDING_STATES }, scheduledAt: { $ne: scheduledAt } };
    const moved = await this.deliveries.find(filter, { _id: 1 }).lean<Array<{ _id: Types.ObjectId }>>();
    if (moved.length === 0) return [];
    const ids = moved.map((d) => d._id);
    await this.deliveries.updateMany({ _id: { $in: ids }, state: { $in: PENDING_STATES } }, { $set: { scheduledAt, notBefore: scheduledAt } });
    const docs = await this.deliveries.find({ _id: { $in: ids }, state: 'queued' }).lean<StoredDelivery[]>();
    return this.contents.mapWithParts(docs, toDelivery);
  }

  /** The announcement's `validUntil` passed: what has not been sent never will be. */
  async expirePending(announcementId: string): Promise<number> {
    const result = await this.deliveries.updateMany(
      { announcementId, state: { $in: PENDING_STATES } },
      { $set: { state: 'expired', reason: EXPIRED_REASON }, $unset: { notBefore: 1 } },
    );
    return result.modifiedCount;
  }

  async cancelPending(announcementId: string): Promise<number> {
    const result = await this.deliveries.updateMany(
      { announcementId, state: { $in: PENDING_STATES } },
      { $set: { state: 'cancelled', reason: 'announcement cancelled' } },
    );
    return result.modifiedCount;
  }

  /** Failed deliveries of the announcement go back to `queued` with fresh attempts; returns them. */
  async requeueFailed(announcementId: string): Promise<Delivery[]> {
    const failed = await this.deliveries.find({ announcementId, state: 'failed' }, { _id: 1 }).lean<Array<{ _id: Types.ObjectId }>>();
    const ids = failed.map((d) => d._id);
    if (ids.length === 0) return [];
    await this.deliveries.updateMany({ _id: { $in: ids }, state: 'failed' }, { $set: { state: 'queued', attempts: 0 }, $unset: { reason: 1, notBefore: 1 } });
    const docs = await this.deliveries.find({ _id: { $in: ids }, state: 'queued' }).lean<StoredDelivery[]>();
    return this.contents.mapWithParts(docs, toDelivery);
  }
}
