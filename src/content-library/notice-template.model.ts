import { Schema, type Connection, type Model } from 'mongoose';

/** Stored template; texts are an array keyed by `lang` so a language tag never becomes a field path. */
export interface NoticeTemplateDocument {
  _id: string;
  topics: string[];
  priority: string;
  sourceLanguage: string;
  placeholders: Array<{ name: string; description: string }>;
  texts: Array<{ lang: string; title: string; body: string }>;
  contentHash: string;
  sourceFile: string;
  importedAt: Date;
}

const NoticeTemplateSchema = new Schema<NoticeTemplateDocument>(
  {
    _id: { type: String, required: true },
    topics: { type: [String], default: [] },
    priority: { type: String, required: true },
    sourceLanguage: { type: String, required: true },
    placeholders: { type: [new Schema({ name: String, description: String }, { _id: false })], default: [] },
    texts: { type: [new Schema({ lang: String, title: String, body: String }, { _id: false })], default: [] },
    contentHash: { type: String, required: true },
    sourceFile: { type: String, required: true },
    importedAt: { type: Date, required: true },
  },
  { collection: 'notice_templates', versionKey: false, strict: 'throw' },
);

export function noticeTemplateModel(db: Connection): Model<NoticeTemplateDocument> {
  return db.models.NoticeTemplate ?? db.model<NoticeTemplateDocument>('NoticeTemplate', NoticeTemplateSchema);
}
