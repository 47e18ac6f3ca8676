import type { ConversationState, OutboundState } from './inbox.types.js';

/** Why a conversation changed, as the console is told. */
export type ConversationChangeReason = 'created' | 'message' | 'assigned' | 'answered' | 'closed' | 'reopened' | 'routed' | 'erased';

/**
 * How the inbox tells open consoles that something changed: ids, states and the queue's language only (the
 * console refetches through the API). Adapted to the live event stream in `main.ts`; never throws, never waits.
 */
export interface InboxLive {
  conversation(change: { id: string; language: string; state: ConversationState; reason: ConversationChangeReason }): void;
  /** `language`: the queue of the conversation it belongs to (who may hear of it), not sent to consoles. */
  outbound(change: { id: string; conversationId: string; state: OutboundState; language: string }): void;
}
