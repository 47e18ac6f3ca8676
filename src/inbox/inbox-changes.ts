import type { Logger } from '../platform/logging/logger.js';
import type { ConversationRepository } from './conversation.repository.js';
import type { ConversationChangeReason, InboxLive } from './inbox-live.port.js';
import { UNSURE_QUEUE, type Conversation, type Outbound } from './inbox.types.js';

/**
 * Tells `InboxLive` of the inbox's changes; an outbound message is placed in its conversation's queue: its
 * language, or `unsure`, which every mediator reads.
 */
export class InboxChanges {
  constructor(private readonly deps: { live?: InboxLive | undefined; conversations: ConversationRepository; log: Logger }) {}

  conversation(conversation: Pick<Conversation, 'id' | 'language' | 'unsure' | 'state'>, reason: ConversationChangeReason): void {
    this.deps.live?.conversation({ id: conversation.id, language: queueOf(conversation), state: conversation.state, reason });
  }

  outbound(message: Pick<Outbound, 'id' | 'conversationId' | 'state'>): void {
    const live = this.deps.live;
    if (!live) return;
    void this.deps.conversations
      .get(message.conversationId)
      .then((conversation) => {
        if (conversation) live.outbound({ id: message.id, conversationId: message.conversationId, state: message.state, language: queueOf(conversation) });
      })
      .catch((error: unknown) => this.deps.log.warn({ err: error, outboundId: message.id }, 'live event about an outbound message not published'));
  }
}

function queueOf(conversation: Pick<Conversation, 'language' | 'unsure'>): string {
  return conversation.unsure ? UNSURE_QUEUE : conversation.language;
}
