import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { OUTBOUND_STATES } from '../inbox.types.js';

const outboundSchema = new Schema(
  {
    /** Set for automatic messages: the acknowledgement of one inbound message is written once. */
    key: { type: String, required: false },
    conversationId: { type: String, required: true },
    contactId: { type: String, required: true },
    kind: { type: String, required: true, enum: ['ack', 'keyword', 'reply'] },
    account: { type: String, required: true },
    chatId: { type: String, required: true },
    chatType: { type: String, required: true, enum: ['group', 'direct'] },
    text: { type: String, required: true },
    quotedMessageId: { type: String, required: false },
    authorId: { type: String, required: false },
    state: { type: String, required: true, enum: OUTBOUND_STATES },
    attempts: { type: Number, default: 0 },
    reason: { type: String, required: false },
    platformMessageId: { type: String, required: false },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, required: false },
    expireAt: { type: Date, required: true },
  },
  { collection: 'inbox_outbound', versionKey: false },
);
outboundSchema.index({ key: 1 }, { unique: true, partialFilterExpression: { key: { $type: 'string' } } });
outboundSchema.index({ conversationId: 1, createdAt: 1 });
outboundSchema.index({ state: 1 });
outboundSchema.index({ contactId: 1 });
outboundSchema.index({ expireAt: 1 }, { expireAfterSeconds: 0 });

export type OutboundDocument = InferSchemaType<typeof outboundSchema>;

export function outboundModel(db: Connection): Model<OutboundDocument> {
  return (db.models.InboxOutbound as Model<OutboundDocument> | undefined) ?? db.model<OutboundDocument>('InboxOutbound', outboundSchema);
}
