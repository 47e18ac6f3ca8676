import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { CONVERSATION_STATES } from '../inbox.types.js';

const conversationSchema = new Schema(
  {
    contactId: { type: String, required: true },
    account: { type: String, required: true },
    language: { type: String, required: true },
    /** No language sure enough yet: in the unsure queue every mediator sees. */
    unsure: { type: Boolean, required: false },
    languageChoice: {
      type: new Schema(
        { source: String, confidence: Number, candidates: { type: [new Schema({ language: String, score: Number }, { _id: false })], default: undefined } },
        { _id: false },
      ),
      required: false,
    },
    state: { type: String, required: true, enum: CONVERSATION_STATES },
    assigneeId: { type: String, required: false },
    replyTo: {
      type: new Schema({ chatId: String, chatType: String, platformMessageId: String }, { _id: false }),
      required: true,
    },
    lastInboundAt: { type: Date, required: true },
    lastAckAt: { type: Date, required: false },
    /** The citizen's first question staff have not answered yet; absent when nobody is waiting. */
    waitingSince: { type: Date, required: false },
    /** When staff were e-mailed about this wait (INBOX_ALERT_AFTER_HOURS); a later wait alerts again. */
    alertedAt: { type: Date, required: false },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    /** RETENTION_MESSAGE_DAYS after the citizen's last message, like the contact it belongs to. */
    expireAt: { type: Date, required: false },
  },
  { collection: 'inbox_conversations', versionKey: false },
);
conversationSchema.index({ contactId: 1 }, { unique: true });
conversationSchema.index({ expireAt: 1 }, { expireAfterSeconds: 0 });
// Queues: a language's conversations in a state, oldest first (pages by _id).
conversationSchema.index({ language: 1, state: 1, _id: 1 });
// The unsure queue, oldest first.
conversationSchema.index({ unsure: 1, _id: 1 }, { partialFilterExpression: { unsure: true } });
// Who has waited longest for an answer, first; only conversations someone waits in.
conversationSchema.index({ waitingSince: 1, _id: 1 }, { partialFilterExpression: { waitingSince: { $type: 'date' } } });

export type ConversationDocument = InferSchemaType<typeof conversationSchema>;

export function conversationModel(db: Connection): Model<ConversationDocument> {
  return (db.models.InboxConversation as Model<ConversationDocument> | undefined) ?? db.model<ConversationDocument>('InboxConversation', conversationSchema);
}
