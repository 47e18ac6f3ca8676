import { Types, type Connection, type Model } from 'mongoose';
import type { Platform } from '../connectors/index.js';
import { contactModel, type ContactDocument } from './contact.model.js';
import type { Contact, LanguageSource } from './inbox.types.js';
import { isObjectId } from '../platform/db/object-id.js';

type StoredContact = ContactDocument & { _id: Types.ObjectId };

function toContact(doc: StoredContact): Contact {
  return {
    id: String(doc._id),
    account: doc.account,
    platform: doc.platform as Platform,
    senderId: doc.senderId,
    displayName: doc.displayName,
    language: doc.language,
    languageSource: doc.languageSource as LanguageSource,
    optedOut: doc.optedOut,
    createdAt: doc.createdAt,
  };
}

export class ContactRepository {
  private readonly contacts: Model<ContactDocument>;

  /** `retentionMs`: a contact is kept that long after their last message (the texts themselves expire too). */
  constructor(
    db: Connection,
    private readonly retentionMs: number,
  ) {
    this.contacts = contactModel(db);
  }

  async init(): Promise<void> {
    await this.contacts.createIndexes();
  }

  /**
   * The contact for this sender, created on first contact; the display name follows the latest message, and each
   * message pushes back the day the database forgets them.
   */
  async findOrCreate(input: { account: string; platform: Platform; senderId: string; displayName: string; at: Date }): Promise<Contact> {
    const doc = await this.contacts
      .findOneAndUpdate(
        { senderId: input.senderId, account: input.account },
        {
          $set: { displayName: input.displayName, expireAt: new Date(input.at.getTime() + this.retentionMs) },
          $setOnInsert: { platform: input.platform, language: 'it', languageSource: 'default', optedOut: false, createdAt: input.at },
        },
        { upsert: true, new: true },
      )
      .lean<StoredContact>();
    return toContact(doc);
  }

  async get(id: string): Promise<Contact | undefined> {
    if (!isObjectId(id)) return undefined;
    const doc = await this.contacts.findById(id).lean<StoredContact>();
    return doc ? toContact(doc) : undefined;
  }

  async update(id: string, changes: { language?: string; languageSource?: LanguageSource; optedOut?: boolean }): Promise<void> {
    await this.contacts.updateOne({ _id: id }, { $set: changes });
  }

  async remove(id: string): Promise<void> {
    await this.contacts.deleteOne({ _id: id });
  }
}
