/**
 * What the console is told when something changes: ids and states only, never personal data (no texts, names or
 * numbers). The console refetches through the REST API, which applies the access rules again.
 */
export type LiveEvent =
  | { name: 'conversation'; data: { id: string; language: string; status: string; reason: string } }
  /** `language` is the conversation's queue: it decides who hears of it and is not sent to the client. */
  | { name: 'outbound'; data: { id: string; conversationId: string; state: string }; language: string }
  | { name: 'announcement'; data: { id: string; status: string } }
  | { name: 'delivery-progress'; data: { announcementId: string } }
  | { name: 'group'; data: { id: string } }
  | { name: 'connector'; data: { accountId: string; state: string } }
  | { name: 'counts'; data: Record<string, never> }
  /** Without `chatRef`: several of the account's simulated chats got messages (a fan-out into them). */
  | { name: 'simulator'; data: { accountId: string; chatRef?: string | undefined } };

export type LiveEventName = LiveEvent['name'] | 'reset';

/** An event as kept in the Redis stream: its id there is the SSE `id:` a reconnecting client sends back. */
export interface StoredLiveEvent {
  id: string;
  event: LiveEvent;
}

/** Redis stream ids (`<ms>-<seq>`) in their order: -1, 0 or 1. */
export function compareStreamIds(a: string, b: string): number {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs !== bMs ? Math.sign(aMs - bMs) : Math.sign(aSeq - bSeq);
}

export const STREAM_ID = /^\d{1,20}-\d{1,20}$/;
