import { randomUUID } from 'node:crypto';
import type { ChatSummary } from '../chat-connector.port.js';
import { UnknownChat } from '../connectors.errors.js';

export interface SimulatedMessage {
  id: string;
  text: string;
  fromUs: boolean;
  at: Date;
  /** How long "typing…" showed before we sent it, when it did. */
  typingMs?: number;
}

/** The chats of one simulated account and everything said in them, in memory, oldest first. */
export class SimulatedChats {
  readonly #chats = new Map<string, { summary: ChatSummary; messages: SimulatedMessage[] }>();
  readonly #listeners: Array<(chatId: string) => void> = [];

  constructor(chats: readonly ChatSummary[]) {
    for (const summary of chats) this.#chats.set(summary.chatId, { summary: { ...summary }, messages: [] });
  }

  list(): ChatSummary[] {
    return [...this.#chats.values()].map((chat) => ({ ...chat.summary }));
  }

  /** A chat the account joins now (a citizen writing for the first time); false when it is in it already. */
  add(summary: ChatSummary): boolean {
    if (this.#chats.has(summary.chatId)) return false;
    this.#chats.set(summary.chatId, { summary: { ...summary }, messages: [] });
    return true;
  }

  /** Told the chat's id whenever a message is appended to it (by a citizen or by us). */
  onMessage(listener: (chatId: string) => void): void {
    this.#listeners.push(listener);
  }

  find(chatId: string): ChatSummary | undefined {
    const chat = this.#chats.get(chatId);
    return chat && { ...chat.summary };
  }

  /** Throws `UnknownChat` when the account is not in the chat. */
  messages(chatId: string): SimulatedMessage[] {
    return this.#get(chatId).messages.map((message) => ({ ...message }));
  }

  append(chatId: string, text: string, fromUs: boolean, typingMs = 0): SimulatedMessage {
    const message = { id: `sim-${randomUUID()}`, text, fromUs, at: new Date(), ...(typingMs > 0 ? { typingMs } : {}) };
    this.#get(chatId).messages.push(message);
    for (const listener of this.#listeners) listener(chatId);
    return { ...message };
  }

  #get(chatId: string) {
    const chat = this.#chats.get(chatId);
    if (!chat) throw new UnknownChat();
    return chat;
  }
}
