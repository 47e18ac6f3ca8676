import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { ANNOUNCEMENT_STATUSES, PRIORITIES, SEGMENT_ORIGINS, TOPICS, TRANSLATION_STATUSES } from './announcement.types.js';

const TranslationVersionSchema = new Schema(
  {
    title: { type: String, required: true },
    body: { type: String, required: true },
    status: { type: String, enum: TRANSLATION_STATUSES, required: true },
    sourceRevision: { type: Number, required: true },
    writtenBy: String,
    approvedBy: String,
    replacedAt: { type: Date, required: true },
  },
  { _id: false },
);

const TranslationSegmentSchema = new Schema(
  {
    key: { type: String, required: true },
    source: { type: String, required: true },
    text: { type: String, required: true },
    origin: { type: String, enum: SEGMENT_ORIGINS, required: true },
    edited: { type: Number, required: true },
    confirmed: { type: Boolean, required: true },
  },
  { _id: false },
);

const TranslationSchema = new Schema(
  {
    lang: { type: String, required: true },
    title: String,
    body: String,
    status: { type: String, enum: TRANSLATION_STATUSES, required: true },
    sourceRevision: { type: Number, required: true },
    writtenBy: String,
    writtenAt: Date,
    approvedBy: String,
    approvedAt: Date,
    versions: { type: [TranslationVersionSchema], default: [] },
    segments: { type: [TranslationSegmentSchema], default: undefined },
  },
  { _id: false },
);

const HistoryEntrySchema = new Schema(
  {
    at: { type: Date, required: true },
    by: { type: String, required: true },
    action: { type: String, required: true },
    version: { type: Number, required: true },
    lang: String,
    from: String,
    to: String,
    staleLanguages: { type: [String], default: undefined },
    warnings: { type: [new Schema({ code: { type: String, required: true }, term: { type: String, required: true }, expected: { type: String, required: true } }, { _id: false })], default: undefined },
  },
  { _id: false },
);

/**
 * Stored shape of an announcement. Translations are an array keyed by `lang` rather than an object,
 * so a language tag never becomes a MongoDB field path. History is embedded: it is written in the
 * same single-document update as the change it records, so the two can never disagree.
 */
const announcementSchema = new Schema(
  {
    _id: { type: String, required: true },
    slug: { type: String, required: true, unique: true },
    version: { type: Number, required: true },
    sourceRevision: { type: Number, required: true },
    status: { type: String, enum: ANNOUNCEMENT_STATUSES, required: true, index: true },
    priority: { type: String, enum: PRIORITIES, required: true },
    topics: { type: [String], enum: TOPICS, default: [] },
    sourceLanguage: { type: String, required: true },
    translations: { type: [TranslationSchema], default: [] },
    validFrom: Date,
    validUntil: Date,
    link: String,
    scheduledAt: Date,
    publishedAt: Date,
    publishedBy: String,
    cancelledAt: Date,
    templateId: { type: String, index: true },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    // Translation help follows approvals by reading what changed since it last looked.
    updatedAt: { type: Date, required: true, index: true },
    history: { type: [HistoryEntrySchema], default: [] },
  },
  { collection: 'announcements', versionKey: false, strict: 'throw' },
);

export type AnnouncementDocument = InferSchemaType<typeof announcementSchema>;

export function announcementModel(db: Connection): Model<AnnouncementDocument> {
  return (db.models.Announcement as Model<AnnouncementDocument> | undefined) ?? db.model<AnnouncementDocument>('Announcement', announcementSchema);
}
