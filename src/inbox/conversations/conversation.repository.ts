import { Types, type Connection, type Model, type ModifyResult } from 'mongoose';
import { conversationModel, type ConversationDocument } from './conversation.model.js';
import { UNSURE_QUEUE, type ChatPlace, type Conversation, type ConversationLanguage, type ConversationState } from '../inbox.types.js';
import type { ChoiceSource } from '../intake/language-choice.js';
import { isObjectId } from '../../platform/db/object-id.js';

type StoredConversation = ConversationDocument & { _id: Types.ObjectId };

/** The queue a conversation waits in, for figures per language: its language, or `unsure`. */
const QUEUE = { $cond: [{ $eq: ['$unsure', true] }, UNSURE_QUEUE, '$language'] };

function toConversation(doc: StoredConversation): Conversation {
  return {
    id: String(doc._id),
    contactId: doc.contactId,
    account: doc.account,
    language: doc.language,
    unsure: doc.unsure === true,
    ...(doc.languageChoice?.source
      ? {
          languageChoice: {
            source: doc.languageChoice.source as ChoiceSource,
            confidence: doc.languageChoice.confidence ?? 0,
            candidates: (doc.languageChoice.candidates ?? []).map((c) => ({ language: c.language ?? '', score: c.score ?? 0 })),
          },
        }
      : {}),
    state: doc.state as ConversationState,
    ...(doc.assigneeId ? { assigneeId: doc.assigneeId } : {}),
    replyTo: {
      chatId: doc.replyTo.chatId ?? '',
      chatType: doc.replyTo.chatType === 'group' ? 'group' : 'direct',
      platformMessageId: doc.replyTo.platformMessageId ?? '',
    },
    lastInboundAt: doc.lastInboundAt,
    ...(doc.lastAckAt ? { lastAckAt: doc.lastAckAt } : {}),
    ...(doc.waitingSince ? { waitingSince: doc.waitingSince } : {}),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

export interface ConversationFilter {
  /** Sure conversations in these languages; with `orUnsure`, the unsure queue too (a mediator's view). */
  languages?: readonly string[];
  orUnsure?: boolean;
  /** Only the unsure queue. */
  unsure?: boolean;
  state?: ConversationState;
  assigneeId?: string;
  /** Only conversations whose citizen waits for an answer, longest wait first. */
  waiting?: boolean;
}

/** A wait staff are to be told about. */
export interface DueAlert {
  id: string;
  /** Its language, or `unsure`. */
  language: string;
  waitingSince: Date;
  assigneeId?: string;
}

export interface NewConversation {
  contactId: string;
  account: string;
  language: string;
  unsure: boolean;
  languageChoice: ConversationLanguage;
  state: ConversationState;
  replyTo: ChatPlace & { platformMessageId: string };
  at: Date;
  ackAt?: Date;
}

/** One conversation per contact; its state moves as citizens write and staff answer. */
export class ConversationRepository {
  private readonly conversations: Model<ConversationDocument>;
  /**
   * The driver's collection, for the writes every citizen's message makes (`findOrCreate`, `update`, `claimAck`):
   * a mongoose query cost the intake more client CPU than the engine's work (casting, hooks), and these filters
   * and updates are already of the stored types (#17).
   */
  private readonly raw;

  /** `retentionMs`: a conversation is kept that long after the citizen's last message. */
  constructor(
    db: Connection,
    private readonly retentionMs: number,
  ) {
    this.conversations = conversationModel(db);
    this.raw = this.conversations.collection;
  }

  async init(): Promise<void> {
    await this.conversations.createIndexes();
  }

  /**
   * The contact's conversation as it was before this call (`before`, undefined when this call created it), in one
   * round trip: only `expireAt`, which a conversation does not show, changes on an existing one. `ackAt`: a
   * conversation this call creates records an acknowledgement sent then (as `claimAck` would, a round trip later).
   */
  async findOrCreate(input: NewConversation): Promise<{ before?: Conversation; conversation: Conversation }> {
    const { ackAt, ...fields } = input;
    const result = (await this.raw.findOneAndUpdate(
      { contactId: fields.contactId },
      {
        $set: { expireAt: this.expiryAfter(fields.at) },
        $setOnInsert: {
          account: fields.account,
          language: fields.language,
          unsure: fields.unsure,
          languageChoice: storedLanguageChoice(fields.languageChoice),
          state: fields.state,
          replyTo: storedReplyTo(fields.replyTo),
          lastInboundAt: fields.at,
          ...(ackAt ? { lastAckAt: ackAt } : {}),
          createdAt: fields.at,
          updatedAt: fields.at,
        },
      },
      { upsert: true, returnDocument: 'after', includeResultMetadata: true },
    )) as unknown as ModifyResult<StoredConversation>;
    const conversation = toConversation(result.value!);
    return result.lastErrorObject?.updatedExisting ? { before: conversation, conversation } : { conversation };
  }

  async get(id: string): Promise<Conversation | undefined> {
    if (!isObjectId(id)) return undefined;
    const doc = await this.conversations.findById(id).lean<StoredConversation>();
    return doc ? toConversation(doc) : undefined;
  }

  async byContact(contactId: string): Promise<Conversation | undefined> {
    const doc = await this.conversations.findOne({ contactId }).lean<StoredConversation>();
    return doc ? toConversation(doc) : undefined;
  }

  /**
   * Oldest first, `limit` after the conversation id `after`; with `waiting`, those awaiting an answer, longest
   * wait first (`after` is still an id: the page goes on after that conversation's place in the wait order).
   */
  async list(filter: ConversationFilter, page: { limit: number; after?: string }): Promise<Conversation[]> {
    const query: Record<string, unknown> = {};
    const sure = filter.languages ? { language: { $in: [...filter.languages] }, unsure: { $ne: true } } : undefined;
    if (filter.unsure) query.unsure = true;
    else if (sure && filter.orUnsure) query.$or = [sure, { unsure: true }];
    else if (sure) Object.assign(query, sure);
    if (filter.state) query.state = filter.state;
    if (filter.assigneeId) query.assigneeId = filter.assigneeId;
    if (filter.waiting) return this.listWaiting(query, page);
    if (page.after) query._id = { $gt: new Types.ObjectId(page.after) };
    const docs = await this.conversations.find(query).sort({ _id: 1 }).limit(page.limit).lean<StoredConversation[]>();
    return docs.map(toConversation);
  }

  private async listWaiting(query: Record<string, unknown>, page: { limit: number; after?: string }): Promise<Conversation[]> {
    const waiting: Record<string, unknown> = { ...query, waitingSince: { $type: 'date' }, state: query.state ?? { $ne: 'closed' } };
    const last = page.after ? await this.conversations.findById(page.after, { waitingSince: 1 }).lean<StoredConversation>() : undefined;
    // The conversation the previous page ended with was answered since: the wait order no longer places it.
    if (page.after && !last?.waitingSince) return [];
    const after = last?.waitingSince
      ? { $or: [{ waitingSince: { $gt: last.waitingSince } }, { waitingSince: last.waitingSince, _id: { $gt: last._id } }] }
      : {};
    const docs = await this.conversations.find({ ...waiting, ...after }).sort({ waitingSince: 1, _id: 1 }).limit(page.limit).lean<StoredConversation[]>();
    return docs.map(toConversation);
  }

  /**
   * Sets fields (and unsets `assigneeId` when given as null); returns the conversation after the change.
   * `waitingSince`: a date starts the citizen's wait unless one is running (the earliest question counts),
   * null ends it (STOP); `restartWait`: the wait starts over at that date (a question in a closed conversation).
   */
  async update(
    id: string,
    changes: Partial<Pick<Conversation, 'language' | 'unsure' | 'languageChoice' | 'state' | 'replyTo' | 'lastInboundAt' | 'lastAckAt'>> & {
      assigneeId?: string | null;
      waitingSince?: Date | null;
      restartWait?: Date;
    },
    at: Date,
  ): Promise<Conversation | undefined> {
    const { assigneeId, waitingSince, restartWait, ...set } = changes;
    const unset = { ...(assigneeId === null ? { assigneeId: 1 } : {}), ...(waitingSince === null ? { waitingSince: 1 } : {}) };
    if (!isObjectId(id)) return undefined;
    const { languageChoice, replyTo, ...plain } = set;
    const doc = (await this.raw.findOneAndUpdate(
      { _id: new Types.ObjectId(id) },
      {
        $set: {
          ...plain,
          ...(languageChoice ? { languageChoice: storedLanguageChoice(languageChoice) } : {}),
          ...(replyTo ? { replyTo: storedReplyTo(replyTo) } : {}),
          updatedAt: at,
          ...(assigneeId ? { assigneeId } : {}),
          ...(set.lastInboundAt ? { expireAt: this.expiryAfter(set.lastInboundAt) } : {}),
          ...(restartWait ? { waitingSince: restartWait } : {}),
        },
        ...(waitingSince && !restartWait ? { $min: { waitingSince } } : {}),
        ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
      },
      { returnDocument: 'after' },
    )) as StoredConversation | null;
    return doc ? toConversation(doc) : undefined;
  }

  /**
   * Ends the citizen's wait because staff answered; returns when it started, or undefined when nobody was
   * waiting (a second answer, or an answer nobody asked for): of two answers at once, one gets the wait.
   */
  async endWait(id: string, at: Date): Promise<Date | undefined> {
    const before = await this.conversations
      .findOneAndUpdate({ _id: id, waitingSince: { $type: 'date' } }, { $unset: { waitingSince: 1 }, $set: { updatedAt: at } }, { new: false })
      .lean<StoredConversation>();
    return before?.waitingSince ?? undefined;
  }

  /**
   * Open conversations whose citizen has waited since `waitingBefore` or earlier and whose wait nobody was alerted
   * about, each marked alerted at `at`; a conversation another process marked first (or answered meanwhile) is left out.
   */
  async claimDueAlerts(waitingBefore: Date, at: Date, limit: number): Promise<DueAlert[]> {
    const candidates = await this.conversations
      .find({ waitingSince: { $type: 'date', $lte: waitingBefore }, state: { $ne: 'closed' } }, { language: 1, unsure: 1, assigneeId: 1, waitingSince: 1, alertedAt: 1 })
      .sort({ waitingSince: 1, _id: 1 })
      .limit(limit)
      .lean<StoredConversation[]>();
    const claimed: DueAlert[] = [];
    for (const doc of candidates) {
      const waitingSince = doc.waitingSince!;
      if (doc.alertedAt && doc.alertedAt >= waitingSince) continue;
      // Unchanged since read: the same wait, and no alert recorded by anyone since.
      const unchanged = { _id: doc._id, waitingSince, alertedAt: doc.alertedAt ?? { $exists: false } };
      const result = await this.conversations.updateOne(unchanged, { $set: { alertedAt: at } });
      if (result.modifiedCount === 1) claimed.push({ id: String(doc._id), language: doc.unsure ? UNSURE_QUEUE : doc.language, waitingSince, ...(doc.assigneeId ? { assigneeId: doc.assigneeId } : {}) });
    }
    return claimed;
  }

  /** The alert about these waits could not be sent: the next check tries again. */
  async releaseAlerts(ids: readonly string[], at: Date): Promise<void> {
    await this.conversations.updateMany({ _id: { $in: ids.filter(isObjectId) }, alertedAt: at }, { $unset: { alertedAt: 1 } });
  }

  /** Per language: how many citizens wait for an answer, and since when the longest. */
  async waiting(languages?: readonly string[]): Promise<Array<{ language: string; waiting: number; oldest: Date }>> {
    const rows = await this.conversations.aggregate<{ _id: string; waiting: number; oldest: Date }>([
      { $match: { waitingSince: { $type: 'date' }, state: { $ne: 'closed' }, ...(languages ? { language: { $in: [...languages] } } : {}) } },
      { $group: { _id: QUEUE, waiting: { $sum: 1 }, oldest: { $min: '$waitingSince' } } },
    ]);
    return rows.map((r) => ({ language: r._id, waiting: r.waiting, oldest: r.oldest }));
  }

  /**
   * Records that an acknowledgement is sent now, only if nobody recorded one since `previous` was read: of
   * several messages arriving together, one acknowledges.
   */
  async claimAck(id: string, previous: Date | undefined, at: Date): Promise<boolean> {
    const unchanged = previous ? { lastAckAt: previous } : { lastAckAt: { $exists: false } };
    if (!isObjectId(id)) return false;
    const result = await this.raw.updateOne({ _id: new Types.ObjectId(id), ...unchanged }, { $set: { lastAckAt: at } });
    return result.modifiedCount === 1;
  }

  /** Conversations per language and state, for the metrics. */
  async countByLanguageState(): Promise<Array<{ language: string; state: ConversationState; count: number }>> {
    const rows = await this.conversations.aggregate<{ _id: { language: string; state: ConversationState }; count: number }>([
      { $group: { _id: { language: QUEUE, state: '$state' }, count: { $sum: 1 } } },
    ]);
    return rows.map((r) => ({ ...r._id, count: r.count }));
  }

  async removeByContact(contactId: string): Promise<void> {
    await this.conversations.deleteMany({ contactId });
  }

  private expiryAfter(lastInboundAt: Date): Date {
    return new Date(lastInboundAt.getTime() + this.retentionMs);
  }
}

/** As the schema stores them (what mongoose's casting did): only the schema's fields, whatever else the object holds. */
function storedLanguageChoice(choice: ConversationLanguage): ConversationLanguage {
  return { source: choice.source, confidence: choice.confidence, candidates: choice.candidates.map((c) => ({ language: c.language, score: c.score })) };
}

function storedReplyTo(place: ChatPlace & { platformMessageId?: string }): { chatId: string; chatType: string; platformMessageId?: string } {
  return { chatId: place.chatId, chatType: place.chatType, ...(place.platformMessageId !== undefined ? { platformMessageId: place.platformMessageId } : {}) };
}
