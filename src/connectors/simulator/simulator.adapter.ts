import { setTimeout as sleep } from 'node:timers/promises';
import type { ChannelAccountConfig } from '../../platform/config.js';
import type { Logger } from '../../platform/logging/logger.js';
import {
  SendError,
  type ChatRef,
  type ChatSummary,
  type ConnectorState,
  type InboundMessage,
  type OutboundContent,
  type SendFailureKind,
  type SentMessage,
} from '../chat-connector.port.js';
import { ObservableConnector } from '../observable-connector.js';
import { ChatAlreadyExists, UnknownChat } from '../connectors.errors.js';
import { createHash, randomInt } from 'node:crypto';
import { SendFaults } from './send-faults.js';
import { SendHold } from './send-hold.js';
import { ChatMessageNotices, type ChatMessageListener } from './chat-message-notices.js';
import { SimulatedChats, type SimulatedMessage } from './simulated-chats.js';

export type SimulatorAccountConfig = Extract<ChannelAccountConfig, { platform: 'simulator' }>;

/** A citizen writing into a simulated chat. */
export interface CitizenMessage {
  chatId: string;
  senderId: string;
  senderName: string;
  text: string;
  mentionsUs?: boolean;
  quotedMessageId?: string;
  /**
   * The platform hands the message to us this long after the citizen wrote it, as a phone that was offline
   * does: reliability tests make it arrive while our database is down (their control calls need it up).
   */
  deliverAfterMs?: number;
}

/** Reliability tests and the demo break the simulated network on purpose. */
export interface SimulatorFaults {
  /** The next sends fail as the platform would; with `chatId`, only the sends into that chat. */
  failNext?: { count: number; kind: SendFailureKind; retryAfterMs?: number; chatId?: string };
  /** The connection drops (`reconnecting`) and comes back (`ready`) after this long. */
  disconnectForMs?: number;
  /** The session is lost (`login_required` with a QR payload) and is scanned again after this long. */
  requireLoginForMs?: number;
  /** After this many more sends, one send reaches the chat and never returns (see `SendHold`). */
  holdAfterSends?: number;
}

/**
 * An in-process chat account for the demo, the browser tests and the benchmarks: the chats come from
 * config, every message is kept in memory, and latency and failures are injected on demand.
 */
export class SimulatorConnector extends ObservableConnector {
  readonly #latencyMs: number;
  readonly #chats: SimulatedChats;
  readonly #faults = new SendFaults();
  readonly #hold = new SendHold();
  readonly #notices = new ChatMessageNotices((chatId) => this.chatRef(chatId));
  #outage: NodeJS.Timeout | undefined;
  readonly #lateDeliveries = new Set<NodeJS.Timeout>();
  #logins = 0;

  readonly #imitates: SimulatorAccountConfig['imitates'];

  constructor(config: SimulatorAccountConfig, deps: { log: Logger }) {
    super({ id: config.id, platform: 'simulator', rateLimit: config.rateLimit }, deps.log);
    this.#latencyMs = config.latencyMs;
    this.#imitates = config.imitates;
    this.#chats = new SimulatedChats(config.chats.map(({ chatId, name, type }) => ({ chatId, name, type })));
    this.#chats.onMessage((chatId) => this.#notices.message(chatId));
  }

  async start(): Promise<void> {
    this.events.setState({ status: 'starting' });
    await this.#network();
    this.events.setState({ status: 'ready' });
  }

  async stop(): Promise<void> {
    clearTimeout(this.#outage);
    for (const timer of this.#lateDeliveries) clearTimeout(timer);
    this.#lateDeliveries.clear();
    this.#hold.release();
    this.#notices.flush();
    this.events.setState({ status: 'stopped' });
  }

  async send(chat: ChatRef, content: OutboundContent): Promise<SentMessage> {
    await this.#network();
    this.assertReady();
    const fault = this.#faults.take(chat.chatId);
    if (fault) throw fault;
    if (!this.#chats.find(chat.chatId)) throw new SendError('permanent', 'not a member of this chat');
    await this.#hold.beforeSend();
    // A simulated WhatsApp account types like the real one, so that tests see the indicator and its time.
    const typingMs = content.typingMs ?? 0;
    if (typingMs > 0) await sleep(typingMs);
    const message = this.#chats.append(chat.chatId, content.text, true, typingMs);
    await this.#hold.afterSend();
    return { platformMessageId: message.id, sentAt: message.at };
  }

  async listChats(): Promise<ChatSummary[]> {
    await this.#network();
    return this.#chats.list();
  }

  /**
   * A chat the account is in from now on, for a citizen writing to us for the first time: `chatId` as the imitated
   * platform spells one (a new phone number on WhatsApp, a `wxid_` on WeChat) unless given. Throws `ChatAlreadyExists`.
   */
  openChat(input: { chatId?: string | undefined; name: string; type: ChatSummary['type'] }): ChatSummary {
    const chat = { chatId: input.chatId ?? this.#newChatId(input.type), name: input.name, type: input.type };
    if (!this.#chats.add(chat)) throw new ChatAlreadyExists();
    return chat;
  }

  /**
   * Told of the messages in this account's chats, ours or a citizen's, by the chat's reference (`chatRef`), never
   * its number; during a burst (a fan-out) by `undefined` for several chats at once (see `ChatMessageNotices`).
   */
  onChatMessage(listener: ChatMessageListener): void {
    this.#notices.listen(listener);
  }

  /**
   * A stable, opaque name for a chat: live events go through Redis (and its append-only file), where a chat id,
   * even a simulated one shaped like a phone number, does not belong. The chat list carries it as `ref`.
   */
  chatRef(chatId: string): string {
    return createHash('sha256').update(`${this.account.id}\n${chatId}`).digest('hex').slice(0, 16);
  }

  get imitates(): SimulatorAccountConfig['imitates'] {
    return this.#imitates;
  }

  #newChatId(type: ChatSummary['type']): string {
    const digits = (n: number): string => Array.from({ length: n }, () => randomInt(10)).join('');
    if (this.#imitates === 'wechat') return type === 'group' ? `${digits(11)}@chatroom` : `wxid_sim${digits(10)}`;
    return type === 'group' ? `120363${digits(12)}@g.us` : `39333${digits(7)}@c.us`;
  }

  /** Oldest first. Throws `UnknownChat`. */
  messages(chatId: string): SimulatedMessage[] {
    return this.#chats.messages(chatId);
  }

  /**
   * Stores the citizen's message and resolves once every listener has handled it, or at once when it is
   * delivered later (`deliverAfterMs`). Throws `UnknownChat`.
   */
  async receive(input: CitizenMessage): Promise<InboundMessage> {
    const chat = this.#chats.find(input.chatId);
    if (!chat) throw new UnknownChat();
    const stored = this.#chats.append(input.chatId, input.text, false);
    const message: InboundMessage = {
      platform: 'simulator',
      account: this.account.id,
      chatId: input.chatId,
      chatType: chat.type,
      senderId: input.senderId,
      senderName: input.senderName,
      text: input.text,
      ...(input.quotedMessageId ? { quotedMessageId: input.quotedMessageId } : {}),
      mentionsUs: input.mentionsUs ?? false,
      timestamp: stored.at,
      platformMessageId: stored.id,
    };
    if (input.deliverAfterMs === undefined) {
      await this.events.deliver(message);
      return message;
    }
    const timer = setTimeout(() => {
      this.#lateDeliveries.delete(timer);
      void this.events.deliver(message);
    }, input.deliverAfterMs);
    this.#lateDeliveries.add(timer);
    return message;
  }

  injectFaults(faults: SimulatorFaults): void {
    if (faults.failNext) this.#faults.arm(faults.failNext.count, faults.failNext.kind, faults.failNext.retryAfterMs, faults.failNext.chatId);
    if (faults.holdAfterSends !== undefined) this.#hold.arm(faults.holdAfterSends);
    if (faults.requireLoginForMs !== undefined) {
      this.#logins += 1;
      this.#interrupt({ status: 'login_required', qr: `sportello-simulator:${this.account.id}:${this.#logins}` }, faults.requireLoginForMs);
    } else if (faults.disconnectForMs !== undefined) {
      this.#interrupt({ status: 'reconnecting', reason: 'simulated disconnect' }, faults.disconnectForMs);
    }
  }

  #interrupt(state: ConnectorState, forMs: number): void {
    clearTimeout(this.#outage);
    this.events.setState(state);
    this.#outage = setTimeout(() => this.events.setState({ status: 'ready' }), forMs);
  }

  async #network(): Promise<void> {
    if (this.#latencyMs > 0) await sleep(this.#latencyMs);
  }
}
