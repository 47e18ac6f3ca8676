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

  constructor(chats: readonly ChatSummary[]) {
    for (const summary of chats) this.#chats.set(summary.chatId, { summary: { ...summary }, messages: [] });
  }

  list(): ChatSummary[] {
    return [...this.#chats.values()].map((chat) => ({ ...chat.summary }));
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
    return { ...message };
  }

  #get(chatId: string) {
    const chat = this.#chats.get(chatId);
    if (!chat) throw new UnknownChat();
    return chat;
  }
}
