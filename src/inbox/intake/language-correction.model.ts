import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { RESPONSE_TIMES_KEPT_DAYS } from '../conversations/response-time.model.js';

/**
 * A mediator moved a conversation to another language's queue: the detector (or the group, or nobody) had it
 * wrong. Anonymous, as the answer times are (no conversation, contact or text), and kept as long.
 */
const languageCorrectionSchema = new Schema(
  {
    /** The queue it was in: a language, or `unsure`. */
    from: { type: String, required: true },
    to: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'inbox_language_corrections', versionKey: false },
);
languageCorrectionSchema.index({ at: 1 }, { expireAfterSeconds: RESPONSE_TIMES_KEPT_DAYS * 24 * 60 * 60 });

export type LanguageCorrectionDocument = InferSchemaType<typeof languageCorrectionSchema>;

export function languageCorrectionModel(db: Connection): Model<LanguageCorrectionDocument> {
  return (db.models.InboxLanguageCorrection as Model<LanguageCorrectionDocument> | undefined) ?? db.model<LanguageCorrectionDocument>('InboxLanguageCorrection', languageCorrectionSchema);
}
