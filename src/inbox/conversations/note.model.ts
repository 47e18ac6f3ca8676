import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

const noteSchema = new Schema(
  {
    conversationId: { type: String, required: true },
    contactId: { type: String, required: true },
    authorId: { type: String, required: true },
    text: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expireAt: { type: Date, required: true },
  },
  { collection: 'inbox_notes', versionKey: false },
);
noteSchema.index({ conversationId: 1, createdAt: 1 });
noteSchema.index({ contactId: 1 });
noteSchema.index({ expireAt: 1 }, { expireAfterSeconds: 0 });

export type NoteDocument = InferSchemaType<typeof noteSchema>;

export function noteModel(db: Connection): Model<NoteDocument> {
  return (db.models.InboxNote as Model<NoteDocument> | undefined) ?? db.model<NoteDocument>('InboxNote', noteSchema);
}
