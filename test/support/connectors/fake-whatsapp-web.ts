import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { WhatsAppChat, WhatsAppClient, WhatsAppMessage, WhatsAppMessageRef } from '../../../src/connectors/whatsapp-web/whatsapp-client.js';

/**
 * A test double of whatsapp-web.js 1.34's `Client`, plus the "WhatsApp side" that tests drive.
 * `FakeWhatsAppWeb` is the network and the phone; `createClient` hands out one `FakeWhatsAppClient`
 * per (re)connection, as the adapter builds a new real client each time.
 *
 * Faithful to the real client (src/Client.js), in order:
 * - `initialize()` with no network rejects (`net::ERR_NAME_NOT_RESOLVED`) and emits no event.
 * - With a stored session: `authenticated`, then `initialize()` resolves, then `ready` (after sync).
 *   Without one: `qr` (again on every refresh), `initialize()` resolves; after the scan
 *   `authenticated`, then `ready`. `info` is set just before `ready`.
 * - A lost connection emits `change_state` with the WhatsApp state and, for a state WhatsApp Web does not
 *   recover from, `disconnected` with it; then the client destroys itself.
 * - `message` is emitted only for messages from others; `timestamp` is in seconds; group senders in `author`.
 * - `sendMessage` to a chat WhatsApp Web does not know resolves `undefined`.
 *
 * Where it differs: no browser or timing (events follow each other within a few ticks, a hanging
 * `initialize()` only ends on `destroy()`); `info` carries only `wid`; mentions are `@c.us` ids only
 * (real ones may be `@lid`); messages carry only the fields the adapter reads; errors thrown by
 * `sendMessage` carry the message text that tests arm, not WhatsApp's exact wording.
 */
export class FakeWhatsAppWeb {
  readonly ownId = '393330009999@c.us';
  readonly clients: FakeWhatsAppClient[] = [];
  readonly sent: { chatId: string; text: string; quotedMessageId?: string }[] = [];
  /** Chats in which "typing…" was shown, in order. */
  readonly typing: string[] = [];
  readonly chats = new Map<string, { name: string; isGroup: boolean }>();
  /** `offline` rejects like Chromium without DNS; `hang` never settles, like a silently dropped network. */
  network: 'online' | 'offline' | 'hang' = 'online';
  hasSession = false;
  /** `authenticated` then silence: the reported "ready never fires". */
  neverReady = false;
  readonly #sendFailures: string[] = [];

  readonly createClient = (): WhatsAppClient => {
    const client = new FakeWhatsAppClient(this);
    this.clients.push(client);
    return client;
  };

  get current(): FakeWhatsAppClient {
    const client = this.clients.at(-1);
    if (!client) throw new Error('no client was created');
    return client;
  }

  addChat(chatId: string, name: string): void {
    this.chats.set(chatId, { name, isGroup: chatId.endsWith('@g.us') });
  }

  failNextSend(errorMessage: string): void {
    this.#sendFailures.push(errorMessage);
  }

  takeSendFailure(): string | undefined {
    return this.#sendFailures.shift();
  }

  /** The phone scans the QR code shown by the current client. */
  scanQr(): void {
    this.hasSession = true;
    this.current.authenticate();
  }

  /** A citizen writes; the current client emits `message`. */
  citizenWrites(input: { chatId: string; author?: string; pushname: string; text: string; mentionsUs?: boolean; quotedId?: string; media?: string }): WhatsAppMessage {
    const message: WhatsAppMessage = {
      id: { _serialized: `false_${input.chatId}_${randomUUID().replace(/-/g, '').slice(0, 20).toUpperCase()}` },
      timestamp: Math.floor(Date.now() / 1000),
      from: input.chatId,
      ...(input.author ? { author: input.author } : {}),
      fromMe: false,
      isStatus: false,
      broadcast: false,
      body: input.text,
      type: input.media ?? 'chat',
      hasMedia: input.media !== undefined,
      hasQuotedMsg: input.quotedId !== undefined,
      mentionedIds: input.mentionsUs ? [this.ownId] : [],
      getContact: async () => ({ pushname: input.pushname }),
      getQuotedMessage: async () => (input.quotedId ? { id: { _serialized: input.quotedId }, timestamp: message.timestamp } : undefined),
    };
    this.current.emit('message', message);
    return message;
  }

  /** WhatsApp Web reports a state it does not recover from (e.g. `CONFLICT`, `UNPAIRED`). */
  dropConnection(state = 'CONFLICT'): void {
    const client = this.current;
    client.emit('change_state', state);
    client.emit('disconnected', state);
    void client.destroy();
  }
}

export class FakeWhatsAppClient extends EventEmitter implements WhatsAppClient {
  info?: { wid: { _serialized: string } };
  destroyed = false;
  #abortInitialize?: (error: Error) => void;

  constructor(private readonly web: FakeWhatsAppWeb) {
    super();
  }

  async initialize(): Promise<void> {
    if (this.web.network === 'offline') throw new Error('net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/');
    if (this.web.network === 'hang') {
      return new Promise((_resolve, reject) => {
        this.#abortInitialize = reject;
      });
    }
    await tick();
    if (this.web.hasSession) {
      this.authenticate();
    } else {
      this.emit('qr', `2@${randomUUID()},fake-qr-payload`);
    }
  }

  authenticate(): void {
    this.emit('authenticated');
    if (this.web.neverReady) return;
    setImmediate(() => {
      if (this.destroyed) return;
      this.info = { wid: { _serialized: this.web.ownId } };
      this.emit('ready');
    });
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    this.#abortInitialize?.(new Error('Navigating frame was detached'));
  }

  async sendMessage(chatId: string, content: string, options?: { quotedMessageId?: string }): Promise<WhatsAppMessageRef | undefined> {
    if (this.destroyed) throw new Error('Protocol error (Runtime.callFunctionOn): Target closed.');
    await tick();
    const failure = this.web.takeSendFailure();
    if (failure) throw new Error(failure);
    if (!this.web.chats.has(chatId)) return undefined;
    this.web.sent.push({ chatId, text: content, ...(options?.quotedMessageId ? { quotedMessageId: options.quotedMessageId } : {}) });
    return { id: { _serialized: `true_${chatId}_${randomUUID().slice(0, 8)}` }, timestamp: Math.floor(Date.now() / 1000) };
  }

  /** WhatsApp Web's chat state: "typing…" is recorded in `typing`, in the order it was shown. */
  async getChatById(chatId: string): Promise<{ sendStateTyping(): Promise<void> }> {
    return {
      sendStateTyping: async () => {
        this.web.typing.push(chatId);
      },
    };
  }

  async getChats(): Promise<WhatsAppChat[]> {
    return [...this.web.chats].map(([chatId, chat]) => ({ id: { _serialized: chatId }, name: chat.name, isGroup: chat.isGroup }));
  }
}

function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
