import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

const messageSchema = new Schema(
  {
    conversationId: { type: String, required: true },
    contactId: { type: String, required: true },
    account: { type: String, required: true },
    platformMessageId: { type: String, required: true },
    chatId: { type: String, required: true },
    chatType: { type: String, required: true, enum: ['group', 'direct'] },
    text: { type: String, default: '' },
    keyword: { type: String, required: false },
    language: { type: new Schema({ chosen: String, source: String, confidence: Number, detected: String }, { _id: false }), required: false },
    media: { type: new Schema({ kind: String, mimeType: String, fileName: String }, { _id: false }), required: false },
    sentAt: { type: Date, required: true },
    receivedAt: { type: Date, required: true },
    /** Whether this message asked for an acknowledgement: a redelivery after a crash makes sure it was queued. */
    ackDue: { type: Boolean, default: false },
    expireAt: { type: Date, required: true },
  },
  { collection: 'inbox_messages', versionKey: false },
);
// A platform that delivers a message twice (reconnect, restart) stores it once.
messageSchema.index({ platformMessageId: 1, account: 1 }, { unique: true });
messageSchema.index({ conversationId: 1, receivedAt: 1 });
messageSchema.index({ contactId: 1 });
// Retention: the database deletes each message when its expireAt passes (RETENTION_MESSAGE_DAYS).
messageSchema.index({ expireAt: 1 }, { expireAfterSeconds: 0 });

export type MessageDocument = InferSchemaType<typeof messageSchema>;

export function messageModel(db: Connection): Model<MessageDocument> {
  return (db.models.InboxMessage as Model<MessageDocument> | undefined) ?? db.model<MessageDocument>('InboxMessage', messageSchema);
}
