import type { Connection, Model } from 'mongoose';
import type { Priority, Topic } from '../announcements/index.js';
import type { NoticeTemplate } from './notice-template.js';
import { noticeTemplateModel, type NoticeTemplateDocument } from './notice-template.model.js';

function toDomain(doc: NoticeTemplateDocument): NoticeTemplate {
  return {
    id: doc._id,
    topics: doc.topics as Topic[],
    priority: doc.priority as Priority,
    sourceLanguage: doc.sourceLanguage,
    placeholders: Object.fromEntries(doc.placeholders.map((p) => [p.name, p.description])),
    texts: Object.fromEntries(doc.texts.map((t) => [t.lang, { title: t.title, body: t.body }])),
    contentHash: doc.contentHash,
    sourceFile: doc.sourceFile,
    importedAt: doc.importedAt,
  };
}

/** The stored shape as written: plain arrays, which mongoose casts into its subdocument arrays. */
function toDocument(template: NoticeTemplate) {
  return {
    _id: template.id,
    topics: template.topics,
    priority: template.priority,
    sourceLanguage: template.sourceLanguage,
    placeholders: Object.entries(template.placeholders).map(([name, description]) => ({ name, description })),
    texts: Object.entries(template.texts).map(([lang, text]) => ({ lang, ...text })),
    contentHash: template.contentHash,
    sourceFile: template.sourceFile,
    importedAt: template.importedAt,
  };
}

export class NoticeTemplateRepository {
  private readonly model: Model<NoticeTemplateDocument>;

  constructor(db: Connection) {
    this.model = noticeTemplateModel(db);
  }

  async findById(id: string): Promise<NoticeTemplate | undefined> {
    const doc = await this.model.findById(id).lean<NoticeTemplateDocument>().exec();
    return doc ? toDomain(doc) : undefined;
  }

  async list(): Promise<NoticeTemplate[]> {
    const docs = await this.model.find().sort({ _id: 1 }).lean<NoticeTemplateDocument[]>().exec();
    return docs.map(toDomain);
  }

  /** Insert or replace by id; importing the same file twice leaves one template. */
  async upsert(template: NoticeTemplate): Promise<void> {
    const { _id, ...fields } = toDocument(template);
    await this.model.replaceOne({ _id }, fields, { upsert: true }).exec();
  }
}
