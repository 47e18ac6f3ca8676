import type { Logger } from '../platform/logging/logger.js';
import type { ConversationRepository } from './conversation.repository.js';
import type { ConversationChangeReason, InboxLive } from './inbox-live.port.js';
import type { Conversation, Outbound } from './inbox.types.js';

/** Tells `InboxLive` of the inbox's changes; an outbound message is placed in its conversation's language queue. */
export class InboxChanges {
  constructor(private readonly deps: { live?: InboxLive | undefined; conversations: ConversationRepository; log: Logger }) {}

  conversation(conversation: Pick<Conversation, 'id' | 'language' | 'state'>, reason: ConversationChangeReason): void {
    this.deps.live?.conversation({ id: conversation.id, language: conversation.language, state: conversation.state, reason });
  }

  outbound(message: Pick<Outbound, 'id' | 'conversationId' | 'state'>): void {
    const live = this.deps.live;
    if (!live) return;
    void this.deps.conversations
      .get(message.conversationId)
      .then((conversation) => {
        if (conversation) live.outbound({ id: message.id, conversationId: message.conversationId, state: message.state, language: conversation.language });
      })
      .catch((error: unknown) => this.deps.log.warn({ err: error, outboundId: message.id }, 'live event about an outbound message not published'));
  }
}
