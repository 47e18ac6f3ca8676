import { Types, type Connection, type Model } from 'mongoose';
import { deliveryModel, type DeliveryDocument } from './delivery.model.js';
import type { Delivery, NewDelivery } from './delivery.js';
import type { ContentKey, DeliveryContents } from './delivery-contents.repository.js';
import type { PlannedMemory } from './planned-memory.js';
import type { Channel } from './sendable-announcement.port.js';
import { toClaimed, toDelivery, UNFINISHED, type StoredDelivery } from './stored-delivery.js';
import type { Target } from './target.js';
import { DUPLICATE_KEY } from '../platform/db/duplicate-key.js';

const PAGE = 500;

type TargetKind = Target['kind'];

function onlyDuplicateKeys(error: unknown): boolean {
  const failure = error as { code?: number; writeErrors?: Array<{ code?: number; err?: { code?: number } }> };
  if (failure.writeErrors?.length) return failure.writeErrors.every((e) => (e.code ?? e.err?.code) === DUPLICATE_KEY);
  return failure.code === DUPLICATE_KEY;
}

/** Writing an announcement's deliveries and queueing them: what the fan-out and start-up recovery do. */
export class DeliveryPlanning {
  private readonly deliveries: Model<DeliveryDocument>;

  constructor(
    db: Connection,
    private readonly contents: DeliveryContents,
    private readonly plannedMemory: PlannedMemory,
  ) {
    this.deliveries = deliveryModel(db);
  }

  /**
   * The driver's collection, for the writes every delivery makes: a mongoose query costs more client CPU than
   * the engine's whole update (casting, hooks, a stack trace per exec), and these filters and updates are
   * already of stored types.
   */
  private get raw() {
    return this.deliveries.collection;
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
    const saved = await this.contents.save([...contents].map(([parts, key]) => ({ key, parts })));
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
    const [contentId] = await this.contents.save([{ key: { ...contentKey, fallback: false }, parts }]);
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
    return this.contents.mapWithParts(docs, toDelivery);
  }

  async markQueued(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.raw.updateMany({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) }, state: 'planned' }, { $set: { state: 'queued', updatedAt: new Date() } });
  }

  /** Their jobs could not be added: `planned` again, so that the next planning's sweep queues them. */
  async markPlanned(ids: string[]): Promise<void> {
    await this.raw.updateMany({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) }, state: 'queued' }, { $set: { state: 'planned', updatedAt: new Date() } });
  }

  /** Not sent at all (a spent quota): `failed` with the reason, from `planned` or `queued` only. */
  async refuseBeforeSending(id: string, reason: string): Promise<void> {
    await this.raw.updateOne({ _id: new Types.ObjectId(id), state: { $in: ['planned', 'queued'] } }, { $set: { state: 'failed', reason, updatedAt: new Date() } });
  }

  /** Every delivery a worker should still act on, a page at a time: what start-up recovery re-queues. */
  async *unfinished(): AsyncIterable<Delivery[]> {
    let after: Types.ObjectId | undefined;
    for (;;) {
      const filter = { state: { $in: UNFINISHED }, ...(after ? { _id: { $gt: after } } : {}) };
      const docs = await this.deliveries.find(filter).sort({ _id: 1 }).limit(PAGE).lean<StoredDelivery[]>();
      if (docs.length === 0) return;
      after = docs[docs.length - 1]?._id;
      yield await this.contents.mapWithParts(docs, toDelivery);
      if (docs.length < PAGE) return;
    }
  }
}
