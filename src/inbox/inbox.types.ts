import type { ChatType, Platform } from '../connectors/index.js';
import type { ChoiceSource } from './intake/language-choice.js';

export const CONVERSATION_STATES = ['open', 'assigned', 'answered', 'closed'] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];

export const OUTBOUND_STATES = ['queued', 'sending', 'sent', 'failed'] as const;
export type OutboundState = (typeof OUTBOUND_STATES)[number];

/**
 * Where the contact's language came from, strongest first: the citizen's own choice (LANG) and a mediator's
 * correction win over any guess; `default` means nobody knows yet.
 */
export const LANGUAGE_SOURCES = ['declared', 'corrected', 'group', 'detected', 'default'] as const;
export type LanguageSource = (typeof LANGUAGE_SOURCES)[number];

/** The name of the unsure queue where a language is expected (`?language=unsure`, figures per language, alerts, live events). */
export const UNSURE_QUEUE = 'unsure';

/** How a conversation's language was chosen for its latest message (see `language-choice.ts`). */
export interface ConversationLanguage {
  source: ChoiceSource;
  /** The detector's confidence on that message, 0 to 1. */
  confidence: number;
  /** The likeliest languages, best first, for a mediator deciding an unsure one. */
  candidates: Array<{ language: string; score: number }>;
}

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
  /** The routing language: a mediator sees the conversation only when it is one of theirs (or it is unsure). */
  language: string;
  /** Nobody could tell the language: every mediator sees it (the unsure queue) until one corrects it. `language` is the best guess. */
  unsure: boolean;
  /** Absent on conversations stored before language routing recorded it. */
  languageChoice?: ConversationLanguage;
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
  /** The language chosen for this message, where the choice came from, and what the detector read. */
  language?: { chosen: string; source: ChoiceSource; confidence: number; detected?: string };
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
