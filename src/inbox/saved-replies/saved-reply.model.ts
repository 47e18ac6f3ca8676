import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

const savedReplySchema = new Schema(
  {
    language: { type: String, required: true },
    title: { type: String, required: true },
    /** The title folded to lower case: "Orari" and "orari" are one saved reply to the staff who pick it. */
    titleKey: { type: String, required: true },
    text: { type: String, required: true },
    createdBy: { type: String, required: true },
    updatedBy: { type: String, required: true },
  },
  { collection: 'inbox_saved_replies', versionKey: false, timestamps: true },
);
savedReplySchema.index({ language: 1, titleKey: 1 }, { unique: true });

export type SavedReplyDocument = InferSchemaType<typeof savedReplySchema>;

export function savedReplyModel(db: Connection): Model<SavedReplyDocument> {
  return (db.models.InboxSavedReply as Model<SavedReplyDocument> | undefined) ?? db.model<SavedReplyDocument>('InboxSavedReply', savedReplySchema);
}
