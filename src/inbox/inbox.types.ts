import type { ChatType, Platform } from '../connectors/index.js';

export const CONVERSATION_STATES = ['open', 'assigned', 'answered', 'closed'] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];

export const OUTBOUND_STATES = ['queued', 'sending', 'sent', 'failed'] as const;
export type OutboundState = (typeof OUTBOUND_STATES)[number];

/** Where the conversation's language came from, strongest first: the citizen's own choice wins over any guess. */
export type LanguageSource = 'declared' | 'group' | 'detected' | 'default';

/** A citizen as one chat account knows them: one per account and platform sender id. */
export interface Contact {
  id: string;
  account: string;
  platform: Platform;
  /** The platform's id of the citizen (a phone-number chat id on WhatsApp): personal data. */
  senderId: string;
  displayName: string;
  language: string;
  languageSource: LanguageSource;
  /** Wrote STOP: Sportello sends them nothing until START. */
  optedOut: boolean;
  /** Receives the notices in this direct chat since then (ISCRIVIMI), until UNSUBSCRIBE or STOP. */
  subscription?: { chatId: string; since: Date; topics?: string[] };
  createdAt: Date;
}

export interface ChatPlace {
  chatId: string;
  chatType: ChatType;
}

/** One per contact; it reopens when the citizen writes again. */
export interface Conversation {
  id: string;
  contactId: string;
  account: string;
  /** The routing language: a mediator sees the conversation only when it is one of theirs. */
  language: string;
  state: ConversationState;
  assigneeId?: string;
  /** The chat the citizen last wrote from, and their message there: replies go back to it. */
  replyTo: ChatPlace & { platformMessageId: string };
  lastInboundAt: Date;
  lastAckAt?: Date;
  /** Since when the citizen has been waiting for an answer from staff; absent when nobody is waiting. */
  waitingSince?: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface InboxMessage {
  id: string;
  conversationId: string;
  contactId: string;
  account: string;
  platformMessageId: string;
  chatId: string;
  chatType: ChatType;
  /** Untrusted text, kept verbatim: never interpreted beyond the documented keywords. */
  text: string;
  keyword?: string;
  media?: { kind: string; mimeType?: string; fileName?: string };
  sentAt: Date;
  receivedAt: Date;
  /** Deleted by the database's TTL monitor at this time. */
  expireAt: Date;
}

export type OutboundKind = 'ack' | 'keyword' | 'reply';

/** A message we send into the citizen's chat: an acknowledgement, a keyword's confirmation or a staff reply. */
export interface Outbound {
  id: string;
  conversationId: string;
  contactId: string;
  kind: OutboundKind;
  account: string;
  chatId: string;
  chatType: ChatType;
  text: string;
  quotedMessageId?: string;
  authorId?: string;
  state: OutboundState;
  attempts: number;
  reason?: string;
  platformMessageId?: string;
  createdAt: Date;
  sentAt?: Date;
  expireAt: Date;
}

/** Staff-only remark on a conversation, visible to admins and the mediators of its language. */
export interface Note {
  id: string;
  conversationId: string;
  contactId: string;
  authorId: string;
  text: string;
  createdAt: Date;
  expireAt: Date;
}
