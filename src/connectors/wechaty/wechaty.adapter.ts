import { ScanStatus, WechatyBuilder, type PuppetModuleName, type Wechaty, type WechatyOptions } from 'wechaty';
import type { ChannelAccountConfig } from '../../platform/config.js';
import type { Logger } from '../../platform/logging/logger.js';
import {
  SendError,
  type ChannelAccount,
  type ChatRef,
  type ChatSummary,
  type OutboundContent,
  type SentMessage,
} from '../chat-connector.port.js';
import { ObservableConnector } from '../observable-connector.js';
import { ConnectorNotReady } from '../connectors.errors.js';
import { describeFailure } from '../describe-failure.js';
import { withDeadline } from '../deadline.js';
import { classifySendFailure } from '../send-failure.classifier.js';
import { toInboundMessage } from './wechaty-message.mapper.js';
import { WECHAT_SEND_FAILURES } from './wechaty-send-failure.js';

export type WeChatAccountConfig = Extract<ChannelAccountConfig, { platform: 'wechat' }>;

/** Builds the Wechaty options (above all the puppet) for each start; tests pass a mock puppet here. */
export type WechatyOptionsFactory = () => WechatyOptions;

/**
 * The puppet named in config, loaded by Wechaty itself. Never left implicit: without a puppet Wechaty
 * falls back to wechat4u, which reaches for WeChat and crashes the process with an uncaught exception.
 */
export function configuredPuppet(account: WeChatAccountConfig): WechatyOptionsFactory {
  // Wechaty types the name as its list of official puppets but imports any installed package by name.
  const puppet = account.puppet as PuppetModuleName;
  return () => ({ puppet, ...(account.puppetToken ? { puppetOptions: { token: account.puppetToken } } : {}) });
}

const STARTUP_DEADLINE_MS = 60_000;

/**
 * One WeChat account through a Wechaty bot. Wechaty (and the puppet) reconnect by themselves: a
 * `logout` means "reconnecting" until the next `login`, or `login_required` if the puppet asks for a scan.
 */
export class WechatyConnector extends ObservableConnector {
  #bot: Wechaty | undefined;

  constructor(
    account: ChannelAccount,
    private readonly deps: { createOptions: WechatyOptionsFactory; log: Logger; startupDeadlineMs?: number },
  ) {
    super(account, deps.log);
  }

  async start(): Promise<void> {
    await this.#release();
    this.events.setState({ status: 'starting' });
    const bot = WechatyBuilder.build(this.deps.createOptions());
    this.#bot = bot;
    this.#listen(bot);
    try {
      await withDeadline(bot.start(), this.deps.startupDeadlineMs ?? STARTUP_DEADLINE_MS, 'Wechaty start-up');
    } catch (error) {
      await this.#release();
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
    const bot = this.#bot as Wechaty;
    let sent;
    try {
      // `find` by id answers `undefined` when the puppet cannot load the room or contact.
      const conversation = chat.type === 'group' ? await bot.Room.find({ id: chat.chatId }) : await bot.Contact.find({ id: chat.chatId });
      if (!conversation) throw new SendError('permanent', 'WeChat has no such chat for this account');
      // Wechaty 1.x cannot quote: a reply goes out as a plain message.
      sent = await conversation.say(content.text);
    } catch (error) {
      throw error instanceof SendError ? error : classifySendFailure(error, WECHAT_SEND_FAILURES);
    }
    return { platformMessageId: sent ? sent.id : null, sentAt: sent ? sent.date() : new Date() };
  }

  async listChats(): Promise<ChatSummary[]> {
    const bot = this.#bot;
    if (!bot || this.state.status !== 'ready') throw new ConnectorNotReady(this.account.id, this.state.status);
    const rooms = await bot.Room.findAll();
    const contacts = (await bot.Contact.findAll()).filter((contact) => contact.friend() !== false && contact.id !== bot.currentUser.id);
    return [
      ...(await Promise.all(rooms.map(async (room) => ({ chatId: room.id, name: await room.topic(), type: 'group' as const })))),
      ...contacts.map((contact) => ({ chatId: contact.id, name: contact.name(), type: 'direct' as const })),
    ];
  }

  #listen(bot: Wechaty): void {
    const current = () => this.#bot === bot;
    bot.on('scan', (qr, status) => {
      if (!current()) return;
      const waiting = qr && (status === ScanStatus.Waiting || status === ScanStatus.Timeout || status === ScanStatus.Unknown);
      this.events.setState(waiting ? { status: 'login_required', qr } : { status: 'starting' });
    });
    bot.on('login', () => {
      if (current()) this.events.setState({ status: 'ready' });
    });
    bot.on('logout', () => {
      if (current()) this.events.setState({ status: 'reconnecting', reason: 'logged out' });
    });
    bot.on('error', (error) => {
      if (current()) this.deps.log.warn({ err: error, account: this.account.id }, 'Wechaty error');
    });
    bot.on('message', (message) => {
      // Wechaty delivers the bot's own sent messages too.
      if (!current() || message.self()) return;
      void toInboundMessage(message, this.account.id)
        .then((inbound) => this.events.deliver(inbound))
        .catch((error: unknown) => this.deps.log.error({ err: error, account: this.account.id }, 'could not read an inbound WeChat message'));
    });
  }

  /** Stops the bot: the puppet holds sockets and timers that keep the process alive until `stop()`. */
  async #release(): Promise<void> {
    const bot = this.#bot;
    if (!bot) return;
    this.#bot = undefined;
    await bot.stop().catch((error: unknown) => this.deps.log.warn({ err: error, account: this.account.id }, 'could not stop Wechaty'));
  }
}
