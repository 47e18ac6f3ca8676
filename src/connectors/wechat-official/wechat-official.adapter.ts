import type { Redis } from 'ioredis';
import type { ChannelAccountConfig } from '../../platform/config.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { FileSpool } from '../../platform/spool/file-spool.js';
import { SendError, type ChatConnector, type ChatRef, type ChatSummary, type InboundMessage, type OutboundContent, type SentMessage } from '../chat-connector.port.js';
import { ConnectorNotReady } from '../connectors.errors.js';
import { withDeadline } from '../deadline.js';
import { describeFailure } from '../describe-failure.js';
import { ObservableConnector } from '../observable-connector.js';
import { SharedAccessToken } from './access-token.js';
import { CallbackCrypto } from './callback-crypto.js';
import { CallbackIntake } from './callback-intake.js';
import type { CallbackMessage, SpooledCallback as StoredCallback } from './callback-message.js';
import { AnswerWindow } from './answer-window.js';
import { LanguageTags, tagChatId, type FollowerLanguage } from './language-tags.js';
import { listFollowers } from './followers.js';
import { MassSend } from './mass-send.js';
import type { FollowerEvent, MassSendReport } from './official-account-events.js';
import { MassSendQuota } from './mass-send-quota.js';
import { OfficialAccountApi, request } from './official-account-api.js';
import { classifyApiFailure, OfficialAccountError, OUTSIDE_ANSWER_WINDOW } from './official-account-errors.js';

export type OfficialAccountConfig = Extract<ChannelAccountConfig, { platform: 'wechat-official' }>;

/**
 * The short menu a follower gets once, at the first follow, in the account's two languages: the notices come in
 * Chinese unless they ask for Italian; the words are the inbox's keywords, which the custom menu's keys repeat.
 */
const FIRST_FOLLOW_MENU = [
  '欢迎关注！您会收到中文通知。想收意大利语通知，请回复：LINGUA it。不想再收通知，请回复：STOP。有问题可以直接写给我们。',
  'Benvenuto! Riceverai gli avvisi in cinese; per riceverli in italiano rispondi: LINGUA it (中文: 语言 zh). Per smettere: STOP. Puoi scriverci qui le tue domande.',
].join('\n\n');

/** The registry holds connectors by the port's type; the platform tells which are Official Accounts. */
export function isOfficialAccount(connector: ChatConnector | undefined): connector is WeChatOfficialConnector {
  return connector?.account.platform === 'wechat-official';
}

const STARTUP_DEADLINE_MS = 30_000;
/** Longer than a sync of 20,000 followers takes (a few hundred calls); it ends sooner if the process dies. */
const TAG_SYNC_LOCK_MS = 5 * 60_000;

export interface OfficialAccountDeps {
  log: Logger;
  redis: Redis;
  spool: FileSpool<StoredCallback>;
  clock?: () => number;
  /** While WeChat cannot be reached, how often it is tried again. */
  probeEveryMs?: number;
}

const PROBE_EVERY_MS = 5000;

/**
 * A WeChat Official Account (公众号) behind the chat port, over WeChat's documented HTTP API (see the README for
 * why no SDK). Followers are direct chats (their openid); each language tag is a group: a send to `tag:<lang>`
 * is one mass send to that tag, a send to an openid is a customer-service message, accepted by WeChat only within
 * 48 hours of the follower's last message. Inbound messages arrive through the server callback
 * (`callback.routes.ts`), which hands them to `acceptCallback`.
 */
export class WeChatOfficialConnector extends ObservableConnector {
  readonly kind: OfficialAccountConfig['kind'];
  readonly languages: readonly string[];
  readonly #config: OfficialAccountConfig;
  readonly #api: OfficialAccountApi;
  readonly #tags: LanguageTags;
  readonly #window: AnswerWindow;
  readonly #massSend: MassSend;
  readonly #intake: CallbackIntake;
  readonly #crypto: CallbackCrypto | undefined;
  readonly #followerListeners: Array<(event: FollowerEvent) => Promise<void>> = [];
  readonly #reportListeners: Array<(report: MassSendReport) => Promise<void>> = [];
  readonly #clock: () => number;
  #probe: NodeJS.Timeout | undefined;

  constructor(
    config: OfficialAccountConfig,
    private readonly deps: OfficialAccountDeps,
  ) {
    super({ id: config.id, platform: 'wechat-official', rateLimit: config.rateLimit }, deps.log);
    this.#config = config;
    this.kind = config.kind;
    this.languages = config.languages;
    this.#clock = deps.clock ?? Date.now;
    const tokenUrl = new URL('/cgi-bin/token', config.apiBaseUrl);
    tokenUrl.search = new URLSearchParams({ grant_type: 'client_credential', appid: config.appId, secret: config.appSecret }).toString();
    const accessToken = new SharedAccessToken(
      deps.redis,
      config.id,
      async () => {
        const answer = await request<{ access_token: string; expires_in: number }>(tokenUrl);
        return { token: answer.access_token, expiresInSeconds: answer.expires_in };
      },
      this.#clock,
    );
    this.#api = new OfficialAccountApi(config.apiBaseUrl, accessToken);
    this.#tags = new LanguageTags(this.#api, config.languages);
    this.#window = new AnswerWindow(deps.redis, config.id, this.#clock);
    this.#massSend = new MassSend(this.#api, this.#tags, new MassSendQuota(deps.redis, config.id, config.kind, this.#clock), this.#clock);
    this.#intake = new CallbackIntake(deps.spool, (message) => this.#handle(message), deps.log);
    this.#crypto = config.encodingAESKey ? new CallbackCrypto(config.encodingAESKey, config.appId) : undefined;
  }

  /** The server token and, in safe mode, the decryption: what the callback route checks posts with. */
  get callbackSecrets(): { token: string; crypto: CallbackCrypto | undefined } {
    return { token: this.#config.token, crypto: this.#crypto };
  }

  /** Ready once WeChat hands out an access token (the AppID, AppSecret and IP whitelist are right) and the language tags exist. */
  async start(): Promise<void> {
    this.events.setState({ status: 'starting' });
    try {
      await withDeadline(this.#tags.ensure(), STARTUP_DEADLINE_MS, 'WeChat start-up');
    } catch (error) {
      this.events.setState({ status: 'failed', reason: describeFailure(error) });
      throw error;
    }
    this.events.setState({ status: 'ready' });
    this.#intake.start();
  }

  async stop(): Promise<void> {
    clearInterval(this.#probe);
    this.#probe = undefined;
    await this.#intake.stop();
    this.events.setState({ status: 'stopped' });
  }

  async send(chat: ChatRef, content: OutboundContent): Promise<SentMessage> {
    this.assertReady();
    try {
      return chat.type === 'group' ? await this.#massSend.send(chat.chatId, content.text) : await this.#answer(chat.chatId, content.text);
    } catch (error) {
      this.#noticeUnreachable(error);
      throw classifyApiFailure(error, this.#clock());
    }
  }

  /** The language tags (groups) and the followers (direct chats, named by their openid: WeChat no longer gives names). */
  async listChats(): Promise<ChatSummary[]> {
    if (this.state.status !== 'ready') throw new ConnectorNotReady(this.account.id, this.state.status);
    let followers: string[];
    try {
      followers = await listFollowers(this.#api);
    } catch (error) {
      this.#noticeUnreachable(error);
      throw error;
    }
    return [
      ...this.languages.map((language) => ({ chatId: tagChatId(language), type: 'group' as const, name: `Followers in ${language} (WeChat tag ${language})` })),
      ...followers.map((openid) => ({ chatId: openid, type: 'direct' as const, name: openid })),
    ];
  }

  /**
   * WeChat's API has no connection to lose; an unreachable API is this port's `reconnecting`, until a probe gets an
   * answer again. An answer with an `errcode` is WeChat reachable and refusing, not an outage.
   */
  #noticeUnreachable(error: unknown): void {
    if (error instanceof OfficialAccountError || error instanceof SendError || this.state.status !== 'ready') return;
    this.events.setState({ status: 'reconnecting', reason: 'WeChat cannot be reached' });
    this.#probe = setInterval(() => {
      void this.#tags.ensure().then(
        () => {
          clearInterval(this.#probe);
          this.#probe = undefined;
          if (this.state.status === 'reconnecting') this.events.setState({ status: 'ready' });
        },
        () => undefined,
      );
    }, this.deps.probeEveryMs ?? PROBE_EVERY_MS);
    this.#probe.unref();
  }

  onFollower(listener: (event: FollowerEvent) => Promise<void>): void {
    this.#followerListeners.push(listener);
  }

  onMassSendReport(listener: (report: MassSendReport) => Promise<void>): void {
    this.#reportListeners.push(listener);
  }

  /** Resolves once the callback is safe on disk; it is handled afterwards (see `CallbackIntake`). */
  acceptCallback(message: CallbackMessage): Promise<void> {
    return this.#intake.accept(message);
  }

  /**
   * Puts every follower in the tag of their language (see `LanguageTags.sync`). One process at a time: resolves to
   * `undefined` while another holds the sync.
   */
  async syncLanguageTags(followers: () => AsyncIterable<FollowerLanguage[]>): Promise<{ tagged: number; untagged: number } | undefined> {
    const lock = `wechat-official:${this.account.id}:tag-sync`;
    const owner = `${process.pid}:${Math.random().toString(36).slice(2)}`;
    if ((await this.deps.redis.set(lock, owner, 'PX', TAG_SYNC_LOCK_MS, 'NX')) !== 'OK') return undefined;
    try {
      return await this.#tags.sync(followers());
    } finally {
      if ((await this.deps.redis.get(lock)) === owner) await this.deps.redis.del(lock);
    }
  }

  /** See `MassSend.quotaOf`. */
  massSendQuota(chatId: string): Promise<{ left: number; refusal: string } | undefined> {
    return this.#massSend.quotaOf(chatId);
  }

  async #answer(openid: string, text: string): Promise<SentMessage> {
    // Checked here too, not only by WeChat (45015): the mediator reads why at once, and no API call is spent.
    if (!(await this.#window.isOpen(openid))) throw new SendError('permanent', OUTSIDE_ANSWER_WINDOW);
    await this.#api.call('/cgi-bin/message/custom/send', { touser: openid, msgtype: 'text', text: { content: text } });
    // WeChat's customer-service API names no message id.
    return { platformMessageId: null, sentAt: new Date(this.#clock()) };
  }

  async #handle(message: StoredCallback): Promise<void> {
    switch (message.type) {
      case 'text':
      case 'media':
      case 'menu':
        await this.#window.opened(message.openid, message.at);
        await this.events.deliver(this.#inbound(message));
        return;
      case 'follow':
        // Following opens the answer window too: the first-follow menu goes out in it (see `sendFirstFollowMenu`).
        await this.#window.opened(message.openid, message.at);
        await this.#emitFollower({ kind: 'follow', account: this.account.id, openid: message.openid, at: message.at, language: this.languages[0]! });
        return;
      case 'unfollow':
        await this.#emitFollower({ kind: 'unfollow', account: this.account.id, openid: message.openid, at: message.at, language: this.languages[0]! });
        return;
      case 'mass_send_finished':
        for (const listener of this.#reportListeners) {
          await listener({ account: this.account.id, at: message.at, msgId: message.msgId, status: message.status, total: message.total, sent: message.sent, errors: message.errors });
        }
    }
  }

  /** Handlers run one after the other and a failure keeps the callback in the spool for the next pass. */
  async #emitFollower(event: FollowerEvent): Promise<void> {
    for (const listener of this.#followerListeners) await listener(event);
  }

  /**
   * The short menu in Chinese and Italian, for a first follow (the inbox knows whether it is one). Sent in the window
   * the follow opened; a failure is logged and not retried: the follower can still write and be answered.
   */
  async sendFirstFollowMenu(openid: string): Promise<void> {
    try {
      await this.#answer(openid, FIRST_FOLLOW_MENU);
    } catch (error) {
      this.deps.log.warn({ err: classifyApiFailure(error, this.#clock()), account: this.account.id }, 'the first-follow menu was not sent');
    }
  }

  /** A menu click is the keyword its key holds (`LINGUA it`, `STOP`), as if the follower had typed it. */
  #inbound(message: Extract<StoredCallback, { type: 'text' | 'media' | 'menu' }>): InboundMessage {
    return {
      platform: 'wechat-official',
      account: this.account.id,
      chatId: message.openid,
      chatType: 'direct',
      senderId: message.openid,
      // WeChat no longer tells accounts their followers' nicknames.
      senderName: `WeChat follower …${message.openid.slice(-4)}`,
      text: message.type === 'text' ? message.text : message.type === 'menu' ? message.key : '',
      ...(message.type === 'media' ? { media: { kind: message.kind, ...(message.mimeType ? { mimeType: message.mimeType } : {}) } } : {}),
      mentionsUs: false,
      timestamp: message.at,
      platformMessageId: message.type === 'menu' ? `menu:${message.openid}:${message.at.getTime()}` : message.msgId,
    };
  }
}
