import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/** Stored template; texts are an array keyed by `lang` so a language tag never becomes a field path. */
const noticeTemplateSchema = new Schema(
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

export type NoticeTemplateDocument = InferSchemaType<typeof noticeTemplateSchema>;

export function noticeTemplateModel(db: Connection): Model<NoticeTemplateDocument> {
  return (db.models.NoticeTemplate as Model<NoticeTemplateDocument> | undefined) ?? db.model<NoticeTemplateDocument>('NoticeTemplate', noticeTemplateSchema);
}
