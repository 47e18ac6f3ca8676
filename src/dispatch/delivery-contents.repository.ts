import { createHash } from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import { deliveryContentModel, type DeliveryContentDocument } from './delivery-content.model.js';
import type { Channel } from './sendable-announcement.port.js';
import type { StoredDelivery } from './stored-delivery.js';

/** Contents kept in memory per process; one notice has one per language and channel, so this holds dozens. */
const CONTENT_CACHE = 1000;

export interface ContentKey {
  announcementId: string;
  version: number;
  language: string;
  channel: Channel;
  fallback: boolean;
}

/** A content's id: a digest of its key and parts, so the same text under the same key is written once. */
function contentIdOf(key: ContentKey, parts: readonly string[]): string {
  const digest = createHash('sha256').update(JSON.stringify([key.announcementId, key.version, key.language, key.channel, key.fallback, parts])).digest('hex');
  // 96 bits of a digest that covers the announcement and version too: unique without repeating them in every delivery.
  return digest.slice(0, 24);
}

/** The rendered parts deliveries point to (`contentId`), written once and cached by this process. */
export class DeliveryContents {
  private readonly contents: Model<DeliveryContentDocument>;
  /** Contents by id, as written or read by this process: a content never changes once written. */
  private readonly cache = new Map<string, readonly string[]>();

  constructor(db: Connection) {
    this.contents = deliveryContentModel(db);
  }

  async init(): Promise<void> {
    await this.contents.createIndexes();
  }

  private remember(id: string, parts: readonly string[]): void {
    if (this.cache.size >= CONTENT_CACHE) this.cache.clear();
    this.cache.set(id, parts);
  }

  /**
   * Writes the contents that do not exist yet (the id is a digest of each), in one round trip: an urgent notice
   * is planned while the engine is busy with a large one, and its first send waits for this. Returns their ids.
   */
  async save(contents: ReadonlyArray<{ key: ContentKey; parts: readonly string[] }>): Promise<string[]> {
    const ids = contents.map(({ key, parts }) => contentIdOf(key, parts));
    const fresh = new Map<string, { key: ContentKey; parts: readonly string[] }>();
    contents.forEach((content, i) => {
      if (!this.cache.has(ids[i]!)) fresh.set(ids[i]!, content);
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

  /** The deliveries mapped with their parts: each content read once, from memory when this process has seen it. */
  async mapWithParts<T>(docs: readonly StoredDelivery[], to: (doc: StoredDelivery, parts: readonly string[]) => T): Promise<T[]> {
    const missing = [...new Set(docs.flatMap((d) => (d.contentId && !this.cache.has(d.contentId) ? [d.contentId] : [])))];
    if (missing.length > 0) {
      const found = await this.contents.collection.find({ _id: { $in: missing } } as Record<string, unknown>, { projection: { parts: 1 } }).toArray();
      for (const content of found) this.remember(String(content._id), (content.parts as string[] | undefined) ?? []);
    }
    return docs.map((doc) => {
      if (!doc.contentId) return to(doc, doc.parts ?? []);
      const parts = this.cache.get(doc.contentId);
      // Never sent empty: a job that finds no content fails and runs again, as on a database error.
      if (!parts) throw new Error(`delivery ${String(doc._id)}: content ${doc.contentId} not found`);
      return to(doc, parts);
    });
  }
}
