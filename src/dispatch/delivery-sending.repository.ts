import { Types, type Connection } from 'mongoose';
import { deliveryModel } from './delivery.model.js';
import type { ClaimedDelivery } from './delivery.js';
import type { DeliveryContents } from './delivery-contents.repository.js';
import type { PlannedMemory, RememberedDelivery } from './planned-memory.js';
import { toClaimed, UNFINISHED, type StoredDelivery } from './stored-delivery.js';
import { isObjectId } from '../platform/db/object-id.js';

/** The fields `claim` reads: what the sender needs, not the whole document (message ids, keys, timestamps). */
const CLAIM_PROJECTION = {
  announcementId: 1, targetKind: 1, chatId: 1, priority: 1, contentId: 1, parts: 1, state: 1, attempts: 1, partsSent: 1, reason: 1, notBefore: 1, validUntil: 1, quietHours: 1,
} as const;
export const EXPIRED_REASON = 'the announcement is no longer valid (validUntil passed)';

/**
 * A worker's writes around a send: the claim that makes deliveries `sending`, then their outcome. Every write
 * here goes through the driver's collection: a mongoose query costs more client CPU than the engine's whole
 * update (casting, hooks, a stack trace per exec), and these filters and updates are already of stored types.
 */
export class DeliverySending {
  private readonly raw;

  constructor(
    db: Connection,
    private readonly contents: DeliveryContents,
    private readonly plannedMemory: PlannedMemory,
  ) {
    this.raw = deliveryModel(db).collection;
  }

  /**
   * Moves the sendable deliveries among `ids` to `sending` and returns them as they were before, by id; those no
   * longer sendable (sent, failed, cancelled) are left out. One found `sending` belongs to a worker that died in
   * the middle of a send: that counts as an interruption. Those this process planned are claimed without a read
   * (`claimAsWritten`), the others by reading them first (`claimByReading`).
   */
  async claim(ids: readonly string[]): Promise<Map<string, ClaimedDelivery>> {
    const claimed = new Map<string, ClaimedDelivery>();
    const remembered = this.plannedMemory.take(ids);
    if (remembered.length > 0) for (const delivery of await this.claimAsWritten(remembered)) claimed.set(delivery.id, delivery);
    const rest = ids.filter((id) => !claimed.has(id));
    if (rest.length > 0) for (const [id, delivery] of await this.claimByReading(rest)) claimed.set(id, delivery);
    return claimed;
  }

  /**
   * Deliveries as this process wrote them: one write moves those still `queued` with the `updatedAt` and
   * `notBefore` they were written with. Every write to a delivery stamps `updatedAt` (mongoose's timestamps, or
   * by hand on the driver's writes), and each change to a queued one also moves its state or its time, so a
   * delivery the write moved is as remembered. When it moved fewer than asked, the claim's own stamp tells
   * which; the others are claimed by reading them.
   */
  private async claimAsWritten(remembered: readonly RememberedDelivery[]): Promise<ClaimedDelivery[]> {
    const stamp = new Date();
    // One filter per (written at, time): a turn usually holds one page of one fan-out, so one write.
    const groups = new Map<string, RememberedDelivery[]>();
    for (const delivery of remembered) {
      const key = `${delivery.writtenAt.getTime()}/${delivery.notBefore?.getTime() ?? ''}`;
      const list = groups.get(key);
      if (list) list.push(delivery);
      else groups.set(key, [delivery]);
    }
    let moved = 0;
    for (const list of groups.values()) {
      const { writtenAt, notBefore } = list[0]!;
      const result = await this.raw.updateMany(
        { _id: { $in: list.map((d) => new Types.ObjectId(d.id)) }, state: 'queued', updatedAt: writtenAt, ...(notBefore ? { notBefore } : {}) },
        { $set: { state: 'sending', updatedAt: stamp } },
      );
      moved += result.modifiedCount;
    }
    // Handed out as they are: the sender ignores `writtenAt`, and a turn's copy would only cost.
    if (moved === remembered.length) return [...remembered];
    const ours = await this.raw
      .find({ _id: { $in: remembered.map((d) => new Types.ObjectId(d.id)) }, state: 'sending', updatedAt: stamp }, { projection: { _id: 1 } })
      .toArray();
    const ourIds = new Set(ours.map((d) => String(d._id)));
    return remembered.filter((d) => ourIds.has(d.id));
  }

  /**
   * Two round trips for a whole turn: the read, then a write that moves only what is still unfinished; if
   * something changed in between (a cancel), what the write did not move is read again and left out.
   */
  private async claimByReading(ids: readonly string[]): Promise<Map<string, ClaimedDelivery>> {
    const _ids = ids.filter(isObjectId).map((id) => new Types.ObjectId(id));
    let found = (await this.raw.find({ _id: { $in: _ids }, state: { $in: UNFINISHED } }, { projection: CLAIM_PROJECTION }).toArray()) as StoredDelivery[];
    if (found.length === 0) return new Map();
    const moved = await this.raw.updateMany({ _id: { $in: found.map((d) => d._id) }, state: { $in: UNFINISHED } }, { $set: { state: 'sending', updatedAt: new Date() } });
    if (moved.modifiedCount < found.length) {
      const sending = await this.raw.find({ _id: { $in: found.map((d) => d._id) }, state: 'sending' }, { projection: { _id: 1 } }).toArray();
      const still = new Set(sending.map((d) => String(d._id)));
      found = found.filter((d) => still.has(String(d._id)));
    }
    const interrupted = found.filter((d) => d.state === 'sending').map((d) => d._id);
    if (interrupted.length > 0) await this.raw.updateMany({ _id: { $in: interrupted } }, { $inc: { interruptions: 1 }, $set: { updatedAt: new Date() } });
    return new Map((await this.contents.mapWithParts(found, toClaimed)).map((delivery) => [delivery.id, delivery]));
  }

  async recordPartSent(id: string, partsSent: number, messageId: string): Promise<void> {
    await this.whileSending(id, { $set: { partsSent }, $push: { messageIds: messageId } });
  }

  /** The last parts went out: one write records them and their deliveries as sent. */
  async markSent(sent: ReadonlyArray<{ delivery: ClaimedDelivery; partsSent: number; messageId: string; at: Date }>): Promise<void> {
    if (sent.length === 0) return;
    const updatedAt = new Date();
    await this.raw.bulkWrite(
      sent.map((last) => {
        // What a postponement or a failed try left (the claim read them): most deliveries have neither.
        const stale = { ...(last.delivery.reason ? { reason: 1 } : {}), ...(last.delivery.notBefore ? { notBefore: 1 } : {}) };
        return {
          updateOne: {
            filter: { _id: new Types.ObjectId(last.delivery.id), state: 'sending' },
            update: {
              $set: { state: 'sent', sentAt: last.at, partsSent: last.partsSent, updatedAt },
              $push: { messageIds: last.messageId },
              ...(Object.keys(stale).length > 0 ? { $unset: stale } : {}),
            } as Record<string, unknown>,
          },
        };
      }),
      { ordered: false },
    );
  }

  async markFailed(id: string, reason: string): Promise<void> {
    await this.whileSending(id, { $set: { state: 'failed', reason }, $inc: { attempts: 1 } });
  }

  /** Back to `queued` until `notBefore`; `attempt` counts a failed send, otherwise the delivery was only postponed. */
  async requeue(id: string, update: { notBefore: Date; reason?: string; attempt: boolean }): Promise<void> {
    await this.whileSending(id, {
      $set: { state: 'queued', notBefore: update.notBefore, ...(update.reason ? { reason: update.reason } : {}) },
      ...(update.attempt ? { $inc: { attempts: 1 } } : {}),
    });
  }

  /** Claimed after the announcement's `validUntil`: it ends here, unsent (or with only its first parts sent). */
  async markExpired(id: string): Promise<void> {
    await this.whileSending(id, { $set: { state: 'expired', reason: EXPIRED_REASON }, $unset: { notBefore: 1 } });
  }

  /** A state change of a delivery this worker has claimed; it stamps `updatedAt` as mongoose's timestamps would. */
  private async whileSending(id: string, update: { $set: Record<string, unknown> } & Record<string, unknown>): Promise<void> {
    await this.raw.updateOne({ _id: new Types.ObjectId(id), state: 'sending' }, { ...update, $set: { ...update.$set, updatedAt: new Date() } });
  }
}
