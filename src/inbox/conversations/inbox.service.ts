import type { Principal } from '../../identity/index.js';
import { assertCanRead, assertCanWork, canSeeNotes, readableLanguages } from '../inbox-access.js';
import type { InboxAudit } from '../inbox-audit.port.js';
import type { InboxStaff } from '../inbox-staff.port.js';
import { queueOf, type InboxChanges } from '../inbox-changes.js';
import type { ConversationChangeReason } from '../inbox-live.port.js';
import { AssigneeNotEligible, AssignmentNotAllowed, ContactOptedOut, ConversationClosed, ConversationNotFound, OutboundNotFailed } from '../inbox.errors.js';
import { UNSURE_QUEUE, type Contact, type Conversation, type ConversationState, type InboxMessage, type Note, type Outbound } from '../inbox.types.js';
import type { ContactRepository } from './contact.repository.js';
import type { ConversationRepository } from './conversation.repository.js';
import type { MessageRepository } from './message.repository.js';
import type { NoteRepository } from './note.repository.js';
import type { OutboundRepository } from '../outbound/outbound.repository.js';
import type { Outbox } from '../outbound/outbox.js';
import { AnswerWaits, type AnswerWaitsDeps, type ResponseStats } from './answer-waits.js';

export interface ConversationView {
  conversation: Conversation;
  contact: Contact;
  messages: InboxMessage[];
  outbound: Outbound[];
  /** Absent when the caller may not see the notes of this language. */
  notes?: Note[];
}

/** A queue's row: the conversation, who wrote and what they wrote last (the start of it is shown). */
export interface ConversationRow {
  conversation: Conversation;
  displayName?: string;
  lastMessage?: InboxMessage;
}

/** The answer waits' dependencies (`AnswerWaitsDeps`: response times, corrections, target, opening hours) and these. */
export interface InboxServiceDeps extends AnswerWaitsDeps {
  contacts: ContactRepository;
  messages: MessageRepository;
  outbound: OutboundRepository;
  notes: NoteRepository;
  outbox: Outbox;
  audit: InboxAudit;
  staff: InboxStaff;
  /** Told every mediator's correction of a routing language (`from` is a language or `unsure`), for the metrics. */
  onCorrected?: (from: string, to: string) => void;
  retentionMs: number;
  /** Open consoles hear of every change. */
  changes?: InboxChanges;
}

/** The unsure queue's name where a language code is expected (`?language=unsure`, the statistics, the metrics). */
const UNSURE = UNSURE_QUEUE;

/** What staff do with the inbox: read the queues of their languages, claim, note, answer, close and reopen. */
export class InboxService {
  private readonly waits: AnswerWaits;

  constructor(private readonly deps: InboxServiceDeps) {
    this.waits = new AnswerWaits(deps);
  }

  /** `language`: one language's queue, or `unsure`, which every mediator sees; none, a mediator's own languages and the unsure queue. */
  async list(who: Principal, filter: { language?: string; state?: ConversationState; mine?: boolean; waiting?: boolean }, page: { limit: number; after?: string }): Promise<Conversation[]> {
    const readable = readableLanguages(who);
    const unsure = filter.language === UNSURE;
    if (filter.language && !unsure) assertCanRead(who, filter.language);
    const languages = unsure ? undefined : filter.language ? [filter.language] : readable === 'all' ? undefined : readable;
    return this.deps.conversations.list(
      {
        ...(unsure ? { unsure: true } : {}),
        ...(languages ? { languages, orUnsure: !filter.language } : {}),
        ...(filter.state ? { state: filter.state } : {}),
        ...(filter.mine ? { assigneeId: who.userId } : {}),
        ...(filter.waiting ? { waiting: true } : {}),
      },
      page,
    );
  }

  /** `list` with what a queue shows on each row, for whoever may read the queue (as they may read the conversation). */
  async listRows(who: Principal, filter: Parameters<InboxService['list']>[1], page: { limit: number; after?: string }): Promise<ConversationRow[]> {
    const conversations = await this.list(who, filter, page);
    const [names, latest] = await Promise.all([
      this.deps.contacts.displayNames(conversations.map((c) => c.contactId)),
      this.deps.messages.latestOf(conversations.map((c) => c.id)),
    ]);
    return conversations.map((conversation) => {
      const displayName = names.get(conversation.contactId);
      const lastMessage = latest.get(conversation.id);
      return { conversation, ...(displayName !== undefined ? { displayName } : {}), ...(lastMessage ? { lastMessage } : {}) };
    });
  }

  async get(who: Principal, id: string): Promise<ConversationView> {
    const conversation = await this.readable(who, id);
    const contact = await this.deps.contacts.get(conversation.contactId);
    if (!contact) throw new ConversationNotFound(id);
    const [messages, outbound, notes] = await Promise.all([
      this.deps.messages.ofConversation(id),
      this.deps.outbound.ofConversation(id),
      canSeeNotes(who, conversation.language) || (conversation.unsure && who.role === 'mediator') ? this.deps.notes.ofConversation(id) : undefined,
    ]);
    return { conversation, contact, messages, outbound, ...(notes ? { notes } : {}) };
  }

  /**
   * Without `assigneeId`, the caller claims it. Mediators may only claim; admins assign any enabled admin or
   * mediator of the conversation's language (a claim needs no check: `workable` has checked the caller).
   */
  async assign(who: Principal, id: string, assigneeId = who.userId): Promise<Conversation> {
    const conversation = await this.workable(who, id);
    if (assigneeId !== who.userId) {
      if (who.role !== 'admin') throw new AssignmentNotAllowed();
      await this.assertCanBeAssigned(assigneeId, conversation.language);
    }
    const state = conversation.state === 'open' ? 'assigned' : conversation.state;
    const updated = await this.change(conversation, { assigneeId, state }, 'assigned');
    await this.record(who, 'inbox.assigned', id, { assigneeId });
    return updated;
  }

  private async assertCanBeAssigned(userId: string, language: string): Promise<void> {
    const member = await this.deps.staff.find(userId);
    if (!member) throw new AssigneeNotEligible('no such user');
    if (member.disabled) throw new AssigneeNotEligible('this user is disabled');
    if (member.role === 'admin') return;
    if (member.role !== 'mediator') throw new AssigneeNotEligible(`a ${member.role} does not work the inbox: assign a mediator or an admin`);
    if (!member.languages.includes(language)) throw new AssigneeNotEligible(`this mediator does not work in ${language}`);
  }

  async addNote(who: Principal, id: string, text: string): Promise<Note> {
    const conversation = await this.workable(who, id);
    const now = this.deps.clock();
    const note = await this.deps.notes.insert({ conversationId: id, contactId: conversation.contactId, authorId: who.userId, text, createdAt: now, expireAt: this.expiry(now) });
    await this.record(who, 'inbox.noted', id, { noteId: note.id });
    return note;
  }

  /** Queues the answer into the chat the citizen last wrote from; the conversation becomes `answered`. */
  async reply(who: Principal, id: string, text: string): Promise<Outbound> {
    const conversation = await this.workable(who, id);
    if (conversation.state === 'closed') throw new ConversationClosed();
    const contact = await this.deps.contacts.get(conversation.contactId);
    if (!contact) throw new ConversationNotFound(id);
    if (contact.optedOut) throw new ContactOptedOut();
    const now = this.deps.clock();
    const { replyTo } = conversation;
    const reply = await this.deps.outbox.send({
      conversationId: id,
      contactId: contact.id,
      kind: 'reply',
      account: conversation.account,
      chatId: replyTo.chatId,
      chatType: replyTo.chatType,
      text,
      // In a group the answer quotes the question, so the group sees whom it answers.
      ...(replyTo.chatType === 'group' && replyTo.platformMessageId ? { quotedMessageId: replyTo.platformMessageId } : {}),
      authorId: who.userId,
      createdAt: now,
      expireAt: this.expiry(now),
    });
    await this.change(conversation, { state: 'answered', ...(conversation.assigneeId ? {} : { assigneeId: who.userId }) }, 'answered');
    await this.waits.answered(conversation, now);
    await this.record(who, 'inbox.replied', id, { outboundId: reply.id });
    return reply;
  }

  /** See `AnswerWaits.stats`. */
  responseStats(who: Principal, days: number): Promise<ResponseStats> {
    return this.waits.stats(readableLanguages(who), days);
  }

  /** A reply (or acknowledgement) that failed after all its attempts, queued again once the account is back. */
  async retry(who: Principal, id: string, outboundId: string): Promise<Outbound> {
    await this.workable(who, id);
    const requeued = await this.deps.outbox.retry(outboundId, id);
    if (!requeued) throw new OutboundNotFailed(outboundId);
    await this.record(who, 'inbox.retried', id, { outboundId });
    return requeued;
  }

  async close(who: Principal, id: string): Promise<Conversation> {
    const conversation = await this.workable(who, id);
    // Closed without an answer (spam, solved at the desk): nobody counts as waiting in a closed conversation and no
    // answer time is recorded. The wait's start stays, so a reopened conversation waits from the citizen's question.
    const updated = await this.change(conversation, { state: 'closed' }, 'closed');
    await this.record(who, 'inbox.closed', id);
    return updated;
  }

  async reopen(who: Principal, id: string): Promise<Conversation> {
    const conversation = await this.workable(who, id);
    const updated = await this.change(conversation, { state: conversation.assigneeId ? 'assigned' : 'open' }, 'reopened');
    await this.record(who, 'inbox.reopened', id);
    return updated;
  }

  /**
   * A mediator's correction: the conversation goes to another language's queue (out of the unsure one), the
   * assignee lets go, and the contact keeps that language (no guess overrides it; only the citizen's LANG does).
   * Counted per language, in the statistics and the metrics.
   */
  async route(who: Principal, id: string, language: string): Promise<Conversation> {
    const conversation = await this.workable(who, id);
    const from = conversation.unsure ? UNSURE : conversation.language;
    const updated = await this.change(conversation, {
      language,
      unsure: false,
      languageChoice: { source: 'corrected', confidence: conversation.languageChoice?.confidence ?? 0, candidates: conversation.languageChoice?.candidates ?? [] },
      assigneeId: null,
      ...(conversation.state === 'assigned' ? { state: 'open' } : {}),
    }, 'routed');
    await this.deps.contacts.update(conversation.contactId, { language, languageSource: 'corrected' });
    if (from !== language) {
      await this.deps.corrections.record(from, language, this.deps.clock());
      this.deps.onCorrected?.(from, language);
    }
    await this.record(who, 'inbox.routed', id, { from, to: language });
    return updated;
  }

  private async readable(who: Principal, id: string): Promise<Conversation> {
    const conversation = await this.deps.conversations.get(id);
    if (!conversation) throw new ConversationNotFound(id);
    // The unsure queue is every mediator's: one of them reads enough to route it.
    if (!conversation.unsure) assertCanRead(who, conversation.language);
    return conversation;
  }

  private async workable(who: Principal, id: string): Promise<Conversation> {
    const conversation = await this.readable(who, id);
    if (!conversation.unsure) assertCanWork(who, conversation.language);
    return conversation;
  }

  private async change(conversation: Conversation, changes: Parameters<ConversationRepository['update']>[1], reason: ConversationChangeReason): Promise<Conversation> {
    const updated = await this.deps.conversations.update(conversation.id, changes, this.deps.clock());
    if (!updated) throw new ConversationNotFound(conversation.id);
    // A mediator's queue loses a conversation routed to another language: its consoles hear of it too (first, so
    // that the language remembered for the conversation's answers is the new one).
    if (queueOf(updated) !== queueOf(conversation)) this.deps.changes?.conversation({ ...updated, language: conversation.language, unsure: conversation.unsure }, reason);
    this.deps.changes?.conversation(updated, reason);
    return updated;
  }

  private expiry(now: Date): Date {
    return new Date(now.getTime() + this.deps.retentionMs);
  }

  private record(who: Principal, action: string, conversationId: string, details?: Record<string, string>): Promise<void> {
    return this.deps.audit.record({ actor: who, action, target: { type: 'inbox_conversation', id: conversationId }, ...(details ? { details } : {}) });
  }
}
