import { createHash } from 'node:crypto';
import { Types, type Connection, type Model } from 'mongoose';
import { deliveryContentModel, type DeliveryContentDocument } from './delivery-content.model.js';
import { deliveryModel, type DeliveryDocument } from './delivery.model.js';
import { PENDING_STATES, type ClaimedDelivery, type Delivery, type DeliveryState, type NewDelivery, type PlatformReport } from './delivery.js';
import type { Channel } from './sendable-announcement.port.js';
import type { Target } from './target.js';
import { isObjectId } from '../platform/db/object-id.js';
import { PlannedMemory, type RememberedDelivery } from './planned-memory.js';
import { DUPLICATE_KEY } from '../platform/db/duplicate-key.js';

type StoredDelivery = DeliveryDocument & { _id: Types.ObjectId; updatedAt: Date };

const PAGE = 500;
/** Contents kept in memory per process; one notice has one per language and channel, so this holds dozens. */
const CONTENT_CACHE = 1000;
const UNFINISHED: DeliveryState[] = ['planned', 'queued', 'sending'];
/** Deliveries remembered as planned until claimed (`PlannedMemory`): a town-wide fan-out twice over. */
const PLANNED_MEMORY = 50_000;
/** The fields `claim` reads: what the sender needs, not the whole document (message ids, keys, timestamps). */
const CLAIM_PROJECTION = {
  announcementId: 1, targetKind: 1, chatId: 1, priority: 1, contentId: 1, parts: 1, state: 1, attempts: 1, partsSent: 1, reason: 1, notBefore: 1, validUntil: 1, quietHours: 1,
} as const;
const EXPIRED_REASON = 'the announcement is no longer valid (validUntil passed)';

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

interface ContentKey {
  announcementId: string;
  version: number;
  language: string;
  channel: Channel;
  fallback: boolean;
}

type TargetKind = Target['kind'];

/** A content's id: a digest of its key and parts, so the same text under the same key is written once. */
function contentIdOf(key: ContentKey, parts: readonly string[]): string {
  const digest = createHash('sha256').update(JSON.stringify([key.announcementId, key.version, key.language, key.channel, key.fallback, parts])).digest('hex');
  // 96 bits of a digest that covers the announcement and version too: unique without repeating them in every delivery.
  return digest.slice(0, 24);
}

function toDelivery(doc: StoredDelivery, parts: readonly string[]): Delivery {
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

function toClaimed(doc: StoredDelivery, parts: readonly string[]): ClaimedDelivery {
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


function onlyDuplicateKeys(error: unknown): boolean {
  const failure = error as { code?: number; writeErrors?: Array<{ code?: number; err?: { code?: number } }> };
  if (failure.writeErrors?.length) return failure.writeErrors.every((e) => (e.code ?? e.err?.code) === DUPLICATE_KEY);
  return failure.code === DUPLICATE_KEY;
}

/** Deliveries: one per (announcement version, target), and every state change of each. */
export class DeliveryRepository {
  private readonly deliveries: Model<DeliveryDocument>;
  private readonly contents: Model<DeliveryContentDocument>;
  /** Contents by id, as written or read by this process: a content never changes once written. */
  private readonly contentCache = new Map<string, readonly string[]>();
  private readonly plannedMemory = new PlannedMemory(PLANNED_MEMORY);

  constructor(db: Connection) {
    this.deliveries = deliveryModel(db);
    this.contents = deliveryContentModel(db);
  }

  /**
   * The driver's collection, for the writes every delivery makes several of: a mongoose query costs more
   * client CPU than the engine's whole update (casting, hooks, a stack trace per exec), and these filters and
   * updates are already of stored types.
   */
  private get raw() {
    return this.deliveries.collection;
  }

  async init(): Promise<void> {
    await this.deliveries.createIndexes();
    await this.contents.createIndexes();
  }

  private remember(id: string, parts: readonly string[]): void {
    if (this.contentCache.size >= CONTENT_CACHE) this.contentCache.clear();
    this.contentCache.set(id, parts);
  }

  /**
   * Writes the contents that do not exist yet (the id is a digest of each), in one round trip: an urgent notice
   * is planned while the engine is busy with a large one, and its first send waits for this. Returns their ids.
   */
  private async saveContents(contents: ReadonlyArray<{ key: ContentKey; parts: readonly string[] }>): Promise<string[]> {
    const ids = contents.map(({ key, parts }) => contentIdOf(key, parts));
    const fresh = new Map<string, { key: ContentKey; parts: readonly string[] }>();
    contents.forEach((content, i) => {
      if (!this.contentCache.has(ids[i]!)) fresh.set(ids[i]!, content);
    });
    if (fresh.size > 0) {
      await this.contents.collection.bulkWrite(
        [...fresh].map(([_id, { key, parts }]) => ({
          updateOne: {
            filter: { _id } as Record<string, unknown>,
            update: { $setOnInsert: { announcementId: key.announcementId, announcementVersion: key.version, language: key.language, channel: key.channel, fallback: key.fallback, parts: [...parts] } },
            upsert: true,
          },
        })),
        { ordered: false },
      );
      for (const [id, { parts }] of fresh) this.remember(id, parts);
    }
    return ids;
  }

  /** The deliveries with their parts: each content read once, from memory when this process has seen it. */
  private async withParts(docs: readonly StoredDelivery[]): Promise<Delivery[]> {
    return this.mapWithParts(docs, (doc, parts) => toDelivery(doc, parts));
  }

  private async mapWithParts<T>(docs: readonly StoredDelivery[], to: (doc: StoredDelivery, parts: readonly string[]) => T): Promise<T[]> {
    const missing = [...new Set(docs.flatMap((d) => (d.contentId && !this.contentCache.has(d.contentId) ? [d.contentId] : [])))];
    if (missing.length > 0) {
      const found = await this.contents.collection.find({ _id: { $in: missing } } as Record<string, unknown>, { projection: { parts: 1 } }).toArray();
      for (const content of found) this.remember(String(content._id), (content.parts as string[] | undefined) ?? []);
    }
    return docs.map((doc) => {
      if (!doc.contentId) return to(doc, doc.parts ?? []);
      const parts = this.contentCache.get(doc.contentId);
      // Never sent empty: a job that finds no content fails and runs again, as on a database error.
      if (!parts) throw new Error(`delivery ${String(doc._id)}: content ${doc.contentId} not found`);
      return to(doc, parts);
    });
  }

  /**
   * Writes the deliveries that do not exist yet and returns those it wrote; an existing (announcement, version,
   * target) is left as it is. Plain inserts against the unique key: cheaper than one upsert per target, and a
   * repeat only collides. The driver's insert, with the schema's defaults written here: mongoose would build,
   * validate and cast a document per target, more client time than the engine's whole insert.
   */
  async insertPlanned(deliveries: NewDelivery[]): Promise<Delivery[]> {
    if (deliveries.length === 0) return [];
    const updatedAt = new Date();
    // The fan-out renders each (language, channel) once, so the parts arrays repeat by reference.
    const contents = new Map<readonly string[], ContentKey>();
    for (const d of deliveries) {
      if (d.parts.length === 0 || contents.has(d.parts)) continue;
      contents.set(d.parts, { announcementId: d.announcementId, version: d.announcementVersion, language: d.language, channel: d.channel, fallback: d.fallback });
    }
    const saved = await this.saveContents([...contents].map(([parts, key]) => ({ key, parts })));
    const ids = new Map([...contents.keys()].map((parts, i) => [parts, saved[i]!]));
    const docs = deliveries.map(({ parts, ...d }) => {
      const contentId = ids.get(parts);
      // The counters and message ids start absent (read as 0 and []): a fan-out writes 20,000 of these at once.
      return { _id: new Types.ObjectId(), ...d, ...(contentId ? { contentId } : {}), updatedAt };
    });
    let collided = new Set<number>();
    try {
      await this.raw.insertMany(docs, { ordered: false });
    } catch (error) {
      if (!onlyDuplicateKeys(error)) throw error;
      collided = new Set((error as { writeErrors?: Array<{ index: number }> }).writeErrors?.map((e) => e.index) ?? docs.map((_, i) => i));
    }
    return docs.flatMap((doc, i) => {
      if (collided.has(i)) return [];
      const stored = doc as unknown as StoredDelivery;
      if (stored.state === 'queued') this.plannedMemory.remember(Object.assign(toClaimed(stored, deliveries[i]!.parts), { writtenAt: updatedAt }));
      return [toDelivery(stored, deliveries[i]!.parts)];
    });
  }

  /** A translation was approved: the deliveries waiting for it, of one kind of target (their texts differ), get its text. */
  async planWaiting(key: { announcementId: string; version: number; language: string; channel: Channel; kind: TargetKind }, parts: string[]): Promise<void> {
    const { kind, ...contentKey } = key;
    const [contentId] = await this.saveContents([{ key: { ...contentKey, fallback: false }, parts }]);
    await this.deliveries.updateMany(
      {
        announcementId: key.announcementId,
        announcementVersion: key.version,
        language: key.language,
        channel: key.channel,
        state: 'waiting_translation',
        targetKind: kind === 'group' ? { $ne: 'citizen' } : kind,
      },
      { $set: { state: 'planned', contentId } },
    );
  }

  /** Languages (per channel) of this version still waiting for a translation. */
  async waitingLanguages(announcementId: string, version: number): Promise<Array<{ language: string; channel: Channel; kind: TargetKind }>> {
    const rows = await this.deliveries.aggregate<{ _id: { language: string; channel: Channel; kind?: TargetKind | null } }>([
      { $match: { announcementId, announcementVersion: version, state: 'waiting_translation' } },
      { $group: { _id: { language: '$language', channel: '$channel', kind: '$targetKind' } } },
    ]);
    // Deliveries planned before citizens were targets carry no kind: they are groups'.
    return rows.map((r) => ({ language: r._id.language, channel: r._id.channel, kind: r._id.kind ?? 'group' }));
  }

  async planned(announcementId: string, version: number, limit: number): Promise<Delivery[]> {
    const docs = await this.deliveries
      .find({ announcementId, announcementVersion: version, state: 'planned' })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<StoredDelivery[]>();
    return this.withParts(docs);
  }

  async markQueued(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.raw.updateMany({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) }, state: 'planned' }, { $set: { state: 'queued', updatedAt: new Date() } });
  }

  /** Their jobs could not be added: `planned` again, so that the next planning's sweep queues them. */
  async markPlanned(ids: string[]): Promise<void> {
    await this.raw.updateMany({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) }, state: 'queued' }, { $set: { state: 'planned', updatedAt: new Date() } });
  }

  /** A newer version was published: what the older ones had not sent yet will not be sent. */
  async supersede(announcementId: string, version: number): Promise<void> {
    await this.deliveries.updateMany(
      { announcementId, announcementVersion: { $lt: version }, state: { $in: PENDING_STATES } },
      { $set: { state: 'cancelled', reason: `superseded by version ${version}` } },
    );
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
    return new Map((await this.mapWithParts(found, toClaimed)).map((delivery) => [delivery.id, delivery]));
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
   * The platform's later report on the delivery that carried `messageId` on `account`; a report may arrive before
   * the delivery is marked sent (WeChat posts it when the mass send is done), so it matches any state.
   */
  async recordPlatformReport(account: string, messageId: string, report: PlatformReport): Promise<number> {
    const { errors, ...counts } = report;
    const result = await this.raw.updateMany({ account, messageIds: messageId }, { $set: { platformReport: { ...counts, errorCount: errors }, updatedAt: new Date() } });
    return result.modifiedCount;
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

  /** A state change of a delivery this worker has claimed; it stamps `updatedAt` as mongoose's timestamps would. */
  private async whileSending(id: string, update: { $set: Record<string, unknown> } & Record<string, unknown>): Promise<void> {
    await this.raw.updateOne({ _id: new Types.ObjectId(id), state: 'sending' }, { ...update, $set: { ...update.$set, updatedAt: new Date() } });
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
    return this.withParts(docs);
  }

  /** Claimed after the announcement's `validUntil`: it ends here, unsent (or with only its first parts sent). */
  async markExpired(id: string): Promise<void> {
    await this.deliveries.updateOne({ _id: id, state: 'sending' }, { $set: { state: 'expired', reason: EXPIRED_REASON }, $unset: { notBefore: 1 } });
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
    return this.withParts(docs);
  }

  async list(filter: DeliveryFilter, page: { limit: number; after?: string }): Promise<Delivery[]> {
    const query: Record<string, unknown> = { announcementId: filter.announcementId };
    if (filter.version !== undefined) query.announcementVersion = filter.version;
    if (filter.state) query.state = filter.state;
    if (filter.language) query.language = filter.language;
    if (filter.channel) query.channel = filter.channel;
    if (page.after && isObjectId(page.after)) query._id = { $gt: new Types.ObjectId(page.after) };
    const docs = await this.deliveries.find(query).sort({ _id: 1 }).limit(page.limit).lean<StoredDelivery[]>();
    return this.withParts(docs);
  }

  /** Every delivery into one chat, for a citizen's data export (deliveries name chats, not people). */
  async toChat(account: string, chatId: string): Promise<Delivery[]> {
    const docs = await this.deliveries.find({ chatId, account }).sort({ _id: 1 }).lean<StoredDelivery[]>();
    return this.withParts(docs);
  }

  /** Deletes every delivery into one chat, for a citizen's erasure. */
  async removeToChat(account: string, chatId: string): Promise<number> {
    return (await this.deliveries.deleteMany({ chatId, account })).deletedCount;
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

  /**
   * Whether a delivery is planned and not finished; those waiting for a translation do not count. One document
   * answers it: a count would match every delivery still in flight, each second of a large fan-out.
   */
  async hasInFlight(announcementId: string): Promise<boolean> {
    return (await this.raw.findOne({ state: { $in: UNFINISHED }, announcementId }, { projection: { _id: 1 } })) !== null;
  }

  /** Every delivery a worker should still act on, a page at a time: what start-up recovery re-queues. */
  async *unfinished(): AsyncIterable<Delivery[]> {
    let after: Types.ObjectId | undefined;
    for (;;) {
      const filter = { state: { $in: UNFINISHED }, ...(after ? { _id: { $gt: after } } : {}) };
      const docs = await this.deliveries.find(filter).sort({ _id: 1 }).limit(PAGE).lean<StoredDelivery[]>();
      if (docs.length === 0) return;
      after = docs[docs.length - 1]?._id;
      yield await this.withParts(docs);
      if (docs.length < PAGE) return;
    }
  }
}
