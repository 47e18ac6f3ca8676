import { ObjectId } from 'bson';
import type { Connection, Model } from 'mongoose';
import type { Announcement, AnnouncementStatus, TranslationStatus } from './announcement.types.js';
import { announcementModel, type AnnouncementDocument } from './announcement.model.js';

export interface AnnouncementFilter {
  status?: AnnouncementStatus;
  topic?: string;
  language?: string;
  translationStatus?: TranslationStatus;
}

export interface AnnouncementPage {
  items: Announcement[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

function toDomain(doc: AnnouncementDocument): Announcement {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest, history: doc.history ?? [] } as unknown as Announcement;
}

function toDocument(announcement: Announcement): AnnouncementDocument {
  const { id, ...rest } = announcement;
  return { _id: id, ...rest } as unknown as AnnouncementDocument;
}

/** Announcements in MongoDB. Every update is conditional on the version read, so concurrent writers cannot lose each other's changes. */
export class AnnouncementRepository {
  private readonly model: Model<AnnouncementDocument>;

  constructor(db: Connection) {
    this.model = announcementModel(db);
  }

  /** Ids are ObjectId hex strings: they sort by creation time, which the list's cursor relies on. */
  newId(): string {
    return new ObjectId().toHexString();
  }

  async ensureIndexes(): Promise<void> {
    await this.model.syncIndexes();
  }

  async insert(announcement: Announcement): Promise<void> {
    await this.model.create(toDocument(announcement));
  }

  async findById(id: string): Promise<Announcement | undefined> {
    const doc = await this.model.findById(id).lean<AnnouncementDocument>().exec();
    return doc ? toDomain(doc) : undefined;
  }

  async findBySlug(slug: string): Promise<Announcement | undefined> {
    const doc = await this.model.findOne({ slug }).lean<AnnouncementDocument>().exec();
    return doc ? toDomain(doc) : undefined;
  }


  /** Writes `next` only if the stored version is still `expectedVersion`; false means someone else changed it first. */
  async replaceIfVersion(next: Announcement, expectedVersion: number): Promise<boolean> {
    const { _id, ...fields } = toDocument(next);
    const result = await this.model.replaceOne({ _id, version: expectedVersion }, fields).exec();
    return result.matchedCount === 1;
  }

  /** Changed at or after `since`, oldest change first, without history: for features that follow every change. */
  async changedSince(since: Date, limit: number): Promise<Announcement[]> {
    const docs = await this.model.find({ updatedAt: { $gte: since } }, { history: 0 }).sort({ updatedAt: 1, _id: 1 }).limit(limit).lean<AnnouncementDocument[]>().exec();
    return docs.map(toDomain);
  }

  /** Newest first; the cursor is the last id seen, so pages stay stable while notices are added. */
  async list(filter: AnnouncementFilter, limit: number, cursor?: string): Promise<AnnouncementPage> {
    const query: Record<string, unknown> = {};
    if (filter.status) query.status = filter.status;
    if (filter.topic) query.topics = filter.topic;
    if (filter.language || filter.translationStatus) {
      query.translations = {
        $elemMatch: {
          ...(filter.language ? { lang: filter.language } : {}),
          ...(filter.translationStatus ? { status: filter.translationStatus } : {}),
        },
      };
    }
    if (cursor) query._id = { $lt: cursor };
    const docs = await this.model
      .find(query, { history: 0 })
      .sort({ _id: -1 })
      .limit(limit + 1)
      .lean<AnnouncementDocument[]>()
      .exec();
    const items = docs.slice(0, limit).map(toDomain);
    const last = items.at(-1);
    return { items, ...(docs.length > limit && last ? { nextCursor: last.id } : {}) };
  }
}
