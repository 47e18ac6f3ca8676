import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { LANGUAGE_SOURCES } from '../inbox.types.js';

const contactSchema = new Schema(
  {
    account: { type: String, required: true },
    platform: { type: String, required: true },
    senderId: { type: String, required: true },
    displayName: { type: String, default: '' },
    language: { type: String, required: true },
    languageSource: { type: String, required: true, enum: LANGUAGE_SOURCES },
    optedOut: { type: Boolean, default: false },
    /**
     * Asked for the notices in a direct chat (ISCRIVIMI): dispatch sends each announcement there, in the
     * contact's language. While it lasts the contact does not expire (`expireAt` unset).
     */
    subscription: {
      type: new Schema(
        {
          chatId: { type: String, required: true },
          since: { type: Date, required: true },
          /** Only announcements with one of these topics; none (or absent) means every announcement, as for groups. */
          topics: { type: [String], default: undefined },
        },
        { _id: false },
      ),
      required: false,
    },
    createdAt: { type: Date, required: true },
    /** RETENTION_MESSAGE_DAYS after the citizen's last message: then the database forgets them. */
    expireAt: { type: Date, required: false },
  },
  { collection: 'inbox_contacts', versionKey: false },
);
contactSchema.index({ senderId: 1, account: 1 }, { unique: true });
contactSchema.index({ expireAt: 1 }, { expireAfterSeconds: 0 });

export type ContactDocument = InferSchemaType<typeof contactSchema>;

export function contactModel(db: Connection): Model<ContactDocument> {
  return (db.models.InboxContact as Model<ContactDocument> | undefined) ?? db.model<ContactDocument>('InboxContact', contactSchema);
}
