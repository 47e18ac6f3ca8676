import type { Logger } from '../platform/logging/logger.js';
import type { ConversationRepository } from './conversations/conversation.repository.js';
import type { ConversationChangeReason, InboxLive } from './inbox-live.port.js';
import { UNSURE_QUEUE, type Conversation, type Outbound } from './inbox.types.js';

/** The queue a conversation is listed in: its language, or the unsure queue while no language is sure. */
export function queueOf(conversation: Pick<Conversation, 'language' | 'unsure'>): string {
  return conversation.unsure ? UNSURE_QUEUE : conversation.language;
}

/** Conversations whose language this process remembers: those it changed lately, a few MB at most. */
const REMEMBERED_LANGUAGES = 10_000;
/**
 * Not longer: another process may move the conversation to another queue meanwhile (this one would not hear of
 * it), and its answers' events would go to the old queue's readers for that long (ids only: the API refuses them).
 */
const REMEMBERED_MS = 30_000;

/**
 * Tells `InboxLive` of the inbox's changes; an outbound message is placed in its conversation's queue (its
 * language, or `unsure`, which every mediator reads), remembered from the conversation's own events (an answer
 * follows its question) or else read.
 */
export class InboxChanges {
  readonly #languages = new Map<string, { language: string; at: number }>();

  constructor(private readonly deps: { live?: InboxLive | undefined; conversations: ConversationRepository; log: Logger }) {}

  /** Told in the conversation's queue: its language, or `unsure` (every mediator's) while no language is sure. */
  conversation(conversation: Pick<Conversation, 'id' | 'language' | 'state' | 'unsure'>, reason: ConversationChangeReason): void {
    if (!this.deps.live) return;
    const queue = queueOf(conversation);
    this.#remember(conversation.id, reason === 'erased' ? undefined : queue);
    this.deps.live.conversation({ id: conversation.id, language: queue, state: conversation.state, reason });
  }

  outbound(message: Pick<Outbound, 'id' | 'conversationId' | 'state'>): void {
    const live = this.deps.live;
    if (!live) return;
    const known = this.#languages.get(message.conversationId);
    const fresh = known && Date.now() - known.at < REMEMBERED_MS ? known.language : undefined;
    const language = fresh ? Promise.resolve(fresh) : this.deps.conversations.get(message.conversationId).then((c) => (c ? queueOf(c) : undefined));
    void language
      .then((found) => {
        if (found) live.outbound({ id: message.id, conversationId: message.conversationId, state: message.state, language: found });
      })
      .catch((error: unknown) => this.deps.log.warn({ err: error, outboundId: message.id }, 'live event about an outbound message not published'));
  }

  #remember(conversationId: string, language: string | undefined): void {
    this.#languages.delete(conversationId);
    if (language === undefined) return;
    this.#languages.set(conversationId, { language, at: Date.now() });
    if (this.#languages.size > REMEMBERED_LANGUAGES) this.#languages.delete(this.#languages.keys().next().value!);
  }
}
