import { Types, type Connection, type Model } from 'mongoose';
import type { Platform } from '../../connectors/index.js';
import { contactModel, type ContactDocument } from './contact.model.js';
import type { Contact, LanguageSource } from '../inbox.types.js';
import { isObjectId } from '../../platform/db/object-id.js';

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
    ...(doc.subscription
      ? { subscription: { chatId: doc.subscription.chatId, since: doc.subscription.since, ...(doc.subscription.topics?.length ? { topics: [...doc.subscription.topics] } : {}) } }
      : {}),
    createdAt: doc.createdAt,
  };
}

/** The same match as the groups': no topics of their own takes every announcement, topics only those sharing one. */
function subscribedTo(topics: readonly string[]): Record<string, unknown> {
  return {
    subscription: { $exists: true },
    optedOut: false,
    $or: [{ 'subscription.topics': { $exists: false } }, { 'subscription.topics': { $size: 0 } }, { 'subscription.topics': { $in: [...topics] } }],
  };
}

export class ContactRepository {
  private readonly contacts: Model<ContactDocument>;
  /** The driver's collection for `findOrCreate`, which every citizen's message runs (see ConversationRepository). */
  private readonly raw;

  /** `retentionMs`: a contact is kept that long after their last message (the texts themselves expire too). */
  constructor(
    db: Connection,
    private readonly retentionMs: number,
  ) {
    this.contacts = contactModel(db);
    this.raw = this.contacts.collection;
  }

  async init(): Promise<void> {
    await this.contacts.createIndexes();
  }

  /**
   * The contact for this sender, created on first contact; the display name follows the latest message, and each
   * message pushes back the day the database forgets them, unless they receive the notices: then they are kept
   * until they stop (a second write, for subscribers only).
   */
  async findOrCreate(input: { account: string; platform: Platform; senderId: string; displayName: string; at: Date }): Promise<Contact> {
    const doc = (await this.raw.findOneAndUpdate(
      { senderId: input.senderId, account: input.account },
      {
        $set: { displayName: input.displayName, expireAt: new Date(input.at.getTime() + this.retentionMs) },
        $setOnInsert: { platform: input.platform, language: 'it', languageSource: 'default', optedOut: false, createdAt: input.at },
      },
      { upsert: true, returnDocument: 'after' },
    )) as StoredContact;
    if (doc.subscription) await this.contacts.updateOne({ _id: doc._id, subscription: { $exists: true } }, { $unset: { expireAt: 1 } });
    return toContact(doc);
  }

  /** The notices (with one of `topics`, or all) go to `chatId` from now on; the contact is kept while they do. */
  async subscribe(id: string, chatId: string, at: Date, topics: readonly string[] = []): Promise<void> {
    await this.contacts.updateOne({ _id: id }, { $set: { subscription: { chatId, since: at, ...(topics.length ? { topics: [...topics] } : {}) } }, $unset: { expireAt: 1 } });
  }

  /** A subscriber's topics change (none: every announcement); not a subscriber, nothing changes. */
  async setSubscriptionTopics(id: string, topics: readonly string[]): Promise<void> {
    const change = topics.length ? { $set: { 'subscription.topics': [...topics] } } : { $unset: { 'subscription.topics': 1 } };
    await this.contacts.updateOne({ _id: id, subscription: { $exists: true } }, change);
  }

  /** No more notices; the contact is forgotten `retentionMs` after `at`, unless they write again. */
  async unsubscribe(id: string, at: Date): Promise<void> {
    await this.contacts.updateOne({ _id: id }, { $unset: { subscription: 1 }, $set: { expireAt: new Date(at.getTime() + this.retentionMs) } });
  }

  /**
   * Contacts receiving an announcement with these topics, a page at a time in id order: those without topics of
   * their own and those sharing one (STOP ends a subscription, see `IntakeService`).
   */
  async *subscribers(topics: readonly string[], pageSize: number): AsyncIterable<Contact[]> {
    let after: Types.ObjectId | undefined;
    for (;;) {
      const filter = { ...subscribedTo(topics), ...(after ? { _id: { $gt: after } } : {}) };
      const page = await this.contacts.find(filter).sort({ _id: 1 }).limit(pageSize).lean<StoredContact[]>();
      if (page.length === 0) return;
      after = page[page.length - 1]!._id;
      yield page.map(toContact);
    }
  }

  /** Every contact of `account` receiving the notices, whatever their topics, a page at a time in id order. */
  async *subscribersOf(account: string, pageSize: number): AsyncIterable<Contact[]> {
    let after: Types.ObjectId | undefined;
    for (;;) {
      const filter = { account, subscription: { $exists: true }, optedOut: false, ...(after ? { _id: { $gt: after } } : {}) };
      const page = await this.contacts.find(filter).sort({ _id: 1 }).limit(pageSize).lean<StoredContact[]>();
      if (page.length === 0) return;
      after = page[page.length - 1]!._id;
      yield page.map(toContact);
    }
  }

  async findBySender(account: string, senderId: string): Promise<Contact | undefined> {
    const doc = await this.contacts.findOne({ senderId, account }).lean<StoredContact>();
    return doc ? toContact(doc) : undefined;
  }

  /** Per language, the contacts receiving the notices: all of them, or those an announcement with `topics` would reach. */
  async subscribersByLanguage(topics?: readonly string[], exceptAccounts: readonly string[] = []): Promise<Array<{ language: string; subscribers: number }>> {
    const except = exceptAccounts.length > 0 ? { account: { $nin: [...exceptAccounts] } } : {};
    const rows = await this.contacts.aggregate<{ _id: string; n: number }>([
      { $match: { ...(topics ? subscribedTo(topics) : { subscription: { $exists: true }, optedOut: false }), ...except } },
      { $group: { _id: '$language', n: { $sum: 1 } } },
    ]);
    return rows.map((r) => ({ language: r._id, subscribers: r.n })).sort((a, b) => a.language.localeCompare(b.language));
  }

  async get(id: string): Promise<Contact | undefined> {
    if (!isObjectId(id)) return undefined;
    const doc = await this.contacts.findById(id).lean<StoredContact>();
    return doc ? toContact(doc) : undefined;
  }

  /** The names the citizens go by on their platform, by contact id (for a queue's rows). */
  async displayNames(ids: readonly string[]): Promise<Map<string, string>> {
    const docs = await this.contacts.find({ _id: { $in: ids.filter(isObjectId) } }, { displayName: 1 }).lean<StoredContact[]>();
    return new Map(docs.map((doc) => [String(doc._id), doc.displayName]));
  }

  async update(id: string, changes: { language?: string; languageSource?: LanguageSource; optedOut?: boolean }): Promise<void> {
    await this.contacts.updateOne({ _id: id }, { $set: changes });
  }

  async remove(id: string): Promise<void> {
    await this.contacts.deleteOne({ _id: id });
  }
}
