import { Types, type Connection, type Model } from 'mongoose';
import type { ChatType } from '../../connectors/index.js';
import type { InboxMessage } from '../inbox.types.js';
import type { ChoiceSource } from '../intake/language-choice.js';
import { messageModel, type MessageDocument } from './message.model.js';
import { isDuplicateKey } from '../../platform/db/duplicate-key.js';

type StoredMessage = MessageDocument & { _id: Types.ObjectId };

export type NewMessage = Omit<InboxMessage, 'id'> & { ackDue: boolean };

function toMessage(doc: StoredMessage): InboxMessage & { ackDue: boolean } {
  return {
    id: String(doc._id),
    conversationId: doc.conversationId,
    contactId: doc.contactId,
    account: doc.account,
    platformMessageId: doc.platformMessageId,
    chatId: doc.chatId,
    chatType: doc.chatType as ChatType,
    text: doc.text,
    ...(doc.keyword ? { keyword: doc.keyword } : {}),
    ...(doc.language?.chosen
      ? {
          language: {
            chosen: doc.language.chosen,
            source: doc.language.source as ChoiceSource,
            confidence: doc.language.confidence ?? 0,
            ...(doc.language.detected ? { detected: doc.language.detected } : {}),
          },
        }
      : {}),
    ...(doc.media?.kind
      ? { media: { kind: doc.media.kind, ...(doc.media.mimeType ? { mimeType: doc.media.mimeType } : {}), ...(doc.media.fileName ? { fileName: doc.media.fileName } : {}) } }
      : {}),
    sentAt: doc.sentAt,
    receivedAt: doc.receivedAt,
    expireAt: doc.expireAt,
    ackDue: doc.ackDue,
  };
}

/** Citizens' messages: stored once per platform message id, deleted by the TTL index at `expireAt`. */
export class MessageRepository {
  private readonly messages: Model<MessageDocument>;

  constructor(db: Connection) {
    this.messages = messageModel(db);
  }

  async init(): Promise<void> {
    await this.messages.createIndexes();
  }

  /** Stores the message; `undefined` when this platform message id is already stored (a redelivery). */
  async insert(message: NewMessage): Promise<InboxMessage | undefined> {
    // Straight to the driver: every citizen's message passes here, and a mongoose document (built, cast, validated,
    // then turned back into an object) cost more than the insert itself. `NewMessage` is typed to the schema's
    // fields, and the optional ones are left out rather than set to undefined.
    const doc: StoredMessage = { _id: new Types.ObjectId(), ...withoutUndefined(message), text: message.text ?? '' };
    try {
      await this.messages.collection.insertOne(doc);
      return toMessage(doc);
    } catch (error) {
      if (isDuplicateKey(error)) return undefined;
      throw error;
    }
  }

  async byPlatformId(account: string, platformMessageId: string): Promise<(InboxMessage & { ackDue: boolean }) | undefined> {
    const doc = await this.messages.findOne({ platformMessageId, account }).lean<StoredMessage>();
    return doc ? toMessage(doc) : undefined;
  }

  async ofConversation(conversationId: string): Promise<InboxMessage[]> {
    const docs = await this.messages.find({ conversationId }).sort({ receivedAt: 1, _id: 1 }).lean<StoredMessage[]>();
    return docs.map(toMessage);
  }

  /** Each conversation's latest message from the citizen (for a queue's rows), by conversation id. */
  async latestOf(conversationIds: readonly string[]): Promise<Map<string, InboxMessage>> {
    // One query per row, each a single step down the (conversationId, receivedAt) index: a page is at most 200 rows.
    const docs = await Promise.all(
      conversationIds.map((conversationId) => this.messages.findOne({ conversationId }).sort({ receivedAt: -1, _id: -1 }).lean<StoredMessage>()),
    );
    return new Map(docs.flatMap((doc) => (doc ? [[doc.conversationId, toMessage(doc)] as const] : [])));
  }

  async ofContact(contactId: string): Promise<InboxMessage[]> {
    const docs = await this.messages.find({ contactId }).sort({ receivedAt: 1, _id: 1 }).lean<StoredMessage[]>();
    return docs.map(toMessage);
  }

  async removeByContact(contactId: string): Promise<number> {
    return (await this.messages.deleteMany({ contactId })).deletedCount;
  }
}

/** The message without its undefined fields: the driver would store them as null, where mongoose left them out. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
