/**
 * The part of whatsapp-web.js's `Client` the adapter uses. The real `Client` is assigned to it in
 * `whatsapp-client.factory.ts`, so the compiler checks the two agree; the unit tests' double implements it.
 */
export interface WhatsAppClient {
  /** Set by the client just before `ready`; `undefined` until then. */
  info?: { wid: { _serialized: string } };
  initialize(): Promise<void>;
  destroy(): Promise<void>;
  /** Resolves `undefined` when WhatsApp Web has no such chat (the real client does, see `Client#sendMessage`). */
  sendMessage(chatId: string, content: string, options?: { quotedMessageId?: string }): Promise<WhatsAppMessageRef | undefined>;
  getChats(): Promise<WhatsAppChat[]>;
  /** The chat, to show "typing…" in it before a message (`Chat#sendStateTyping`; sending clears it). */
  getChatById(chatId: string): Promise<{ sendStateTyping(): Promise<unknown> }>;
  on(event: 'qr', listener: (qr: string) => void): unknown;
  on(event: 'authenticated' | 'ready', listener: () => void): unknown;
  on(event: 'auth_failure', listener: (message: string) => void): unknown;
  on(event: 'change_state' | 'disconnected', listener: (state: string) => void): unknown;
  on(event: 'message', listener: (message: WhatsAppMessage) => void): unknown;
  removeAllListeners(): unknown;
}

export interface WhatsAppMessageRef {
  id: { _serialized: string };
  /** Seconds since the epoch. */
  timestamp: number;
}

export interface WhatsAppMessage extends WhatsAppMessageRef {
  /** The chat: a group (`@g.us`) or a contact (`@c.us`, `@lid`). */
  from: string;
  /** In groups, the member who wrote (`@c.us` or `@lid`). */
  author?: string;
  fromMe: boolean;
  isStatus: boolean;
  broadcast: boolean;
  body: string;
  type: string;
  hasMedia: boolean;
  hasQuotedMsg: boolean;
  mentionedIds: string[];
  getContact(): Promise<{ pushname?: string; name?: string }>;
  getQuotedMessage(): Promise<WhatsAppMessageRef | undefined>;
}

export interface WhatsAppChat {
  id: { _serialized: string };
  name: string;
  isGroup: boolean;
}
