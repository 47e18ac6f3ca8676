import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../platform/logging/logger.js';
import {
  SendError,
  type ChannelAccount,
  type ChatRef,
  type ChatSummary,
  type OutboundContent,
  type SentMessage,
} from '../chat-connector.port.js';
import { backoffDelayMs, type BackoffPolicy } from '../../platform/backoff.js';
import { ObservableConnector } from '../observable-connector.js';
import { ConnectorNotReady } from '../connectors.errors.js';
import { describeFailure } from '../describe-failure.js';
import { withDeadline } from '../deadline.js';
import type { WhatsAppClient } from './whatsapp-client.js';
import { isConversationMessage, toInboundMessage } from './whatsapp-message.mapper.js';
import { classifySendFailure } from '../send-failure.classifier.js';
import { WHATSAPP_SEND_FAILURES } from './whatsapp-send-failure.js';

export interface WhatsAppWebTimings {
  /** `initialize()` navigates without a timeout and can hang on a silently dropped network. */
  startupDeadlineMs: number;
  /** `ready` has been reported never to fire after `authenticated` on some versions. */
  readyDeadlineMs: number;
  reconnect: BackoffPolicy & { maxAttempts: number };
}

export const DEFAULT_WHATSAPP_TIMINGS: WhatsAppWebTimings = {
  startupDeadlineMs: 90_000,
  readyDeadlineMs: 120_000,
  reconnect: { initialMs: 5_000, maxMs: 5 * 60_000, maxAttempts: 8 },
};

/** WhatsApp states during which WhatsApp Web is still trying by itself (whatsapp-web.js's `ACCEPTED_STATES`). */
const RECOVERING_STATES = new Set(['OPENING', 'PAIRING', 'TIMEOUT']);

/**
 * One WhatsApp account through whatsapp-web.js. A client that disconnects destroys itself, so every
 * (re)connection builds a new one through `createClient`; events of a replaced client are ignored.
 */
export class WhatsAppWebConnector extends ObservableConnector {
  readonly #timings: WhatsAppWebTimings;
  #client: WhatsAppClient | undefined;
  #reconnectAttempt = 0;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #readyTimer: NodeJS.Timeout | undefined;
  #run = 0;

  constructor(
    account: ChannelAccount,
    private readonly deps: { createClient: () => WhatsAppClient; log: Logger; timings?: WhatsAppWebTimings },
  ) {
    super(account, deps.log);
    this.#timings = deps.timings ?? DEFAULT_WHATSAPP_TIMINGS;
  }

  async start(): Promise<void> {
    await this.#release();
    this.#reconnectAttempt = 0;
    this.events.setState({ status: 'starting' });
    try {
      await this.#connect();
    } catch (error) {
      this.events.setState({ status: 'failed', reason: describeFailure(error) });
      throw error;
    }
  }

  async stop(): Promise<void> {
    await this.#release();
    this.events.setState({ status: 'stopped' });
  }

  async send(chat: ChatRef, content: OutboundContent): Promise<SentMessage> {
    this.assertReady();
    const client = this.#client as WhatsAppClient;
    let sent;
    try {
      if (content.typingMs && content.typingMs > 0) await this.#type(client, chat.chatId, content.typingMs);
      sent = await client.sendMessage(chat.chatId, content.text, content.quotedMessageId ? { quotedMessageId: content.quotedMessageId } : undefined);
    } catch (error) {
      throw classifySendFailure(error, WHATSAPP_SEND_FAILURES);
    }
    if (!sent) throw new SendError('permanent', 'WhatsApp Web has no such chat for this account');
    return { platformMessageId: sent.id._serialized, sentAt: new Date(sent.timestamp * 1000) };
  }

  /** "typing…" for the time a person would take to type the text: accounts that send instantly get banned. */
  async #type(client: WhatsAppClient, chatId: string, ms: number): Promise<void> {
    const target = await client.getChatById(chatId);
    await target.sendStateTyping();
    await sleep(ms);
  }

  async listChats(): Promise<ChatSummary[]> {
    if (!this.#client || this.state.status !== 'ready') throw new ConnectorNotReady(this.account.id, this.state.status);
    const chats = await this.#client.getChats();
    return chats
      .filter((chat) => /@(g|c)\.us$|@lid$/.test(chat.id._serialized))
      .map((chat) => ({ chatId: chat.id._serialized, name: chat.name, type: chat.isGroup ? 'group' : 'direct' }));
  }

  async #connect(): Promise<void> {
    const client = this.deps.createClient();
    this.#client = client;
    this.#listen(client);
    const initializing = client.initialize();
    try {
      await withDeadline(initializing, this.#timings.startupDeadlineMs, 'WhatsApp Web start-up');
    } catch (error) {
      await this.#discard(client);
      // A browser still launching when the deadline hit is only closable once `initialize()` settles.
      void initializing.catch(() => undefined).finally(() => client.destroy().catch(() => undefined));
      throw error;
    }
  }

  #listen(client: WhatsAppClient): void {
    const current = () => this.#client === client;
    client.on('qr', (qr) => current() && this.events.setState({ status: 'login_required', qr }));
    client.on('authenticated', () => {
      if (!current()) return;
      clearTimeout(this.#readyTimer);
      this.#readyTimer = setTimeout(() => this.#lost(client, 'authenticated but never ready'), this.#timings.readyDeadlineMs);
    });
    client.on('ready', () => {
      if (!current()) return;
      clearTimeout(this.#readyTimer);
      this.#reconnectAttempt = 0;
      this.events.setState({ status: 'ready' });
    });
    client.on('auth_failure', () => current() && this.#lost(client, 'authentication failed'));
    client.on('change_state', (state) => {
      if (!current()) return;
      if (RECOVERING_STATES.has(state) && this.state.status === 'ready') this.events.setState({ status: 'reconnecting', reason: `WhatsApp ${state}` });
      if (state === 'CONNECTED' && this.state.status === 'reconnecting') this.events.setState({ status: 'ready' });
    });
    client.on('disconnected', (reason) => current() && this.#lost(client, `disconnected: ${reason}`));
    client.on('message', (message) => {
      if (!current() || !isConversationMessage(message)) return;
      void toInboundMessage(message, { account: this.account.id, ownId: client.info?.wid._serialized })
        .then((inbound) => this.events.deliver(inbound))
        .catch((error: unknown) => this.deps.log.error({ err: error, account: this.account.id }, 'could not read an inbound WhatsApp message'));
    });
  }

  /** The client is gone for good: throw it away and build a new one after a pause. */
  #lost(client: WhatsAppClient, reason: string): void {
    void this.#discard(client);
    this.#scheduleReconnect(reason);
  }

  #scheduleReconnect(reason: string): void {
    this.#reconnectAttempt += 1;
    if (this.#reconnectAttempt > this.#timings.reconnect.maxAttempts) {
      this.events.setState({ status: 'failed', reason: `gave up reconnecting (${reason})` });
      return;
    }
    this.events.setState({ status: 'reconnecting', reason });
    const run = this.#run;
    this.#reconnectTimer = setTimeout(() => {
      this.#connect().catch((error: unknown) => run === this.#run && this.#scheduleReconnect(describeFailure(error)));
    }, backoffDelayMs(this.#reconnectAttempt, this.#timings.reconnect));
  }

  /** Ends the current run: a connection attempt still in flight can no longer schedule another. */
  async #release(): Promise<void> {
    this.#run += 1;
    clearTimeout(this.#reconnectTimer);
    if (this.#client) await this.#discard(this.#client);
  }

  /** Forgets the client and closes its browser; a browser left open keeps Node alive. */
  async #discard(client: WhatsAppClient): Promise<void> {
    clearTimeout(this.#readyTimer);
    if (this.#client === client) this.#client = undefined;
    client.removeAllListeners();
    await client.destroy().catch((error: unknown) => this.deps.log.warn({ err: error, account: this.account.id }, 'could not close WhatsApp Web'));
  }
}
