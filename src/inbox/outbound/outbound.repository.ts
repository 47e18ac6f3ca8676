import { Types, type Connection, type Model } from 'mongoose';
import type { ChatType } from '../../connectors/index.js';
import type { Outbound, OutboundKind, OutboundState } from '../inbox.types.js';
import { outboundModel, type OutboundDocument } from './outbound.model.js';
import { isObjectId } from '../../platform/db/object-id.js';

type StoredOutbound = OutboundDocument & { _id: Types.ObjectId };

export type NewOutbound = Omit<Outbound, 'id' | 'state' | 'attempts' | 'sentAt' | 'platformMessageId' | 'reason'>;

function toOutbound(doc: StoredOutbound): Outbound {
  return {
    id: String(doc._id),
    conversationId: doc.conversationId,
    contactId: doc.contactId,
    kind: doc.kind as OutboundKind,
    account: doc.account,
    chatId: doc.chatId,
    chatType: doc.chatType as ChatType,
    text: doc.text,
    ...(doc.quotedMessageId ? { quotedMessageId: doc.quotedMessageId } : {}),
    ...(doc.authorId ? { authorId: doc.authorId } : {}),
    state: doc.state as OutboundState,
    attempts: doc.attempts,
    ...(doc.reason ? { reason: doc.reason } : {}),
    ...(doc.platformMessageId ? { platformMessageId: doc.platformMessageId } : {}),
    createdAt: doc.createdAt,
    ...(doc.sentAt ? { sentAt: doc.sentAt } : {}),
    expireAt: doc.expireAt,
  };
}

/** Messages we send into citizens' chats, with their `queued → sending → sent | failed` state. */
export class OutboundRepository {
  private readonly outbound: Model<OutboundDocument>;

  constructor(db: Connection) {
    this.outbound = outboundModel(db);
  }

  async init(): Promise<void> {
    await this.outbound.createIndexes();
  }

  /** Writes a queued message. With `key`, a second call returns the first message instead of writing another. */
  async insert(message: NewOutbound & { key?: string }): Promise<Outbound> {
    const fields = { ...message, state: 'queued', attempts: 0 };
    if (!message.key) return toOutbound((await this.outbound.create(fields)).toObject() as StoredOutbound);
    const doc = await this.outbound
      .findOneAndUpdate({ key: message.key }, { $setOnInsert: fields }, { upsert: true, new: true })
      .lean<StoredOutbound>();
    return toOutbound(doc);
  }

  /**
   * The automatic keyword confirmation of this contact whose key matches `kind`, still `queued` (not yet taken by a
   * sender), says `text` instead; undefined when there is none. Only automatic ones (written with a key).
   */
  async replaceQueuedAutomaticText(contactId: string, kind: RegExp, text: string): Promise<Pick<Outbound, 'id' | 'account' | 'kind'> | undefined> {
    const doc = await this.outbound
      .findOneAndUpdate({ contactId, kind: 'keyword', state: 'queued', key: { $regex: kind } }, { $set: { text } }, { new: true, projection: { _id: 1, account: 1, kind: 1 } })
      .lean<{ _id: Types.ObjectId; account: string; kind: OutboundKind }>();
    return doc ? { id: String(doc._id), account: doc.account, kind: doc.kind } : undefined;
  }

  /** The automatic replies (acknowledgements, keyword confirmations) to this contact written since `since`, oldest first. */
  async automaticSince(contactId: string, since: Date): Promise<Array<Pick<Outbound, 'kind' | 'text' | 'state'> & { key: string }>> {
    const docs = await this.outbound
      .find({ contactId, kind: { $in: ['ack', 'keyword'] }, key: { $type: 'string' }, createdAt: { $gte: since } }, { kind: 1, text: 1, state: 1, key: 1 })
      .sort({ createdAt: 1, _id: 1 })
      .lean<Array<{ kind: OutboundKind; text: string; state: OutboundState; key: string }>>();
    return docs.map((d) => ({ kind: d.kind, text: d.text, state: d.state, key: d.key }));
  }

  async get(id: string): Promise<Outbound | undefined> {
    if (!isObjectId(id)) return undefined;
    const doc = await this.outbound.findById(id).lean<StoredOutbound>();
    return doc ? toOutbound(doc) : undefined;
  }

  /** Moves a queued message (or one whose worker died while sending) to `sending`; undefined when it is done. */
  async claim(id: string): Promise<Outbound | undefined> {
    if (!isObjectId(id)) return undefined;
    const doc = await this.outbound
      .findOneAndUpdate({ _id: id, state: { $in: ['queued', 'sending'] } }, { $set: { state: 'sending' } }, { new: true })
      .lean<StoredOutbound>();
    return doc ? toOutbound(doc) : undefined;
  }

  async markSent(id: string, sent: { platformMessageId: string | null; at: Date }): Promise<void> {
    await this.outbound.updateOne(
      { _id: id },
      { $set: { state: 'sent', sentAt: sent.at, ...(sent.platformMessageId ? { platformMessageId: sent.platformMessageId } : {}) }, $unset: { reason: 1 }, $inc: { attempts: 1 } },
    );
  }

  async markRetrying(id: string, reason: string): Promise<void> {
    await this.outbound.updateOne({ _id: id }, { $set: { state: 'queued', reason }, $inc: { attempts: 1 } });
  }

  async markFailed(id: string, reason: string): Promise<void> {
    await this.outbound.updateOne({ _id: id }, { $set: { state: 'failed', reason }, $inc: { attempts: 1 } });
  }

  /** A failed message back to `queued` with fresh attempts; undefined when it is not (or no longer) failed. */
  async requeueFailed(id: string, conversationId: string): Promise<Outbound | undefined> {
    if (!isObjectId(id)) return undefined;
    const doc = await this.outbound
      .findOneAndUpdate({ _id: id, conversationId, state: 'failed' }, { $set: { state: 'queued', attempts: 0 }, $unset: { reason: 1 } }, { new: true })
      .lean<StoredOutbound>();
    return doc ? toOutbound(doc) : undefined;
  }

  /** Messages a crash or an outage left unsent, to queue again. */
  async unfinished(): Promise<Array<Pick<Outbound, 'id' | 'account' | 'kind'>>> {
    const docs = await this.outbound
      .find({ state: { $in: ['queued', 'sending'] } }, { _id: 1, account: 1, kind: 1 })
      .lean<Array<{ _id: Types.ObjectId; account: string; kind: OutboundKind }>>();
    return docs.map((d) => ({ id: String(d._id), account: d.account, kind: d.kind }));
  }

  /** Outbound messages per state (until their texts expire), for the metrics. */
  async countByState(): Promise<Array<{ state: OutboundState; count: number }>> {
    const rows = await this.outbound.aggregate<{ _id: OutboundState; count: number }>([{ $group: { _id: '$state', count: { $sum: 1 } } }]);
    return rows.map((r) => ({ state: r._id, count: r.count }));
  }

  async ofConversation(conversationId: string): Promise<Outbound[]> {
    return (await this.outbound.find({ conversationId }).sort({ createdAt: 1, _id: 1 }).lean<StoredOutbound[]>()).map(toOutbound);
  }

  async ofContact(contactId: string): Promise<Outbound[]> {
    return (await this.outbound.find({ contactId }).sort({ createdAt: 1, _id: 1 }).lean<StoredOutbound[]>()).map(toOutbound);
  }

  async removeByContact(contactId: string): Promise<number> {
    return (await this.outbound.deleteMany({ contactId })).deletedCount;
  }
}
