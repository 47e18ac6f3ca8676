import type { ChannelAccountConfig } from '../platform/config.js';

/**
 * The one port through which Sportello talks to chat networks. Adapters: `wechaty/`, `whatsapp-web/`
 * and `simulator/`; every adapter must pass the contract suite in
 * `test/integration/connectors/chat-connector.contract.ts`.
 */

export type Platform = 'simulator' | 'wechat' | 'wechat-official' | 'whatsapp';

/** Declared by the account, enforced by its pace (`chat-accounts/`): unofficial clients get banned for bursts. */
export type RateLimit = ChannelAccountConfig['rateLimit'];

export interface ChannelAccount {
  /** Stable id from config, e.g. `whatsapp-prato-1`. Never a phone number. */
  id: string;
  platform: Platform;
  rateLimit: RateLimit;
}

/**
 * Where the connection stands. `stopped` is the state before `start()` and after `stop()`.
 * Pausing an account after repeated rate limits is dispatch's decision, not a connector state.
 */
export type ConnectorState =
  | { status: 'stopped' }
  | { status: 'starting' }
  | { status: 'login_required'; qr: string }
  | { status: 'ready' }
  | { status: 'reconnecting'; reason: string }
  | { status: 'failed'; reason: string };

export type ChatType = 'group' | 'direct';

export interface ChatRef {
  chatId: string;
  type: ChatType;
}

export interface ChatSummary extends ChatRef {
  name: string;
}

export interface OutboundContent {
  text: string;
  /** Platform id of the message to reply to; adapters whose platform cannot quote send a plain message. */
  quotedMessageId?: string;
  /**
   * Show "typing…" in the chat for this long before sending, as a person would (WhatsApp Web's chat state);
   * adapters whose platform has no such state send at once.
   */
  typingMs?: number;
}

export interface SentMessage {
  /** The platform's id for the sent message; `null` when the platform does not report one (some WeChat puppets). */
  platformMessageId: string | null;
  sentAt: Date;
}

export interface MediaInfo {
  /** The platform's media kind, e.g. `image`, `ptt`, `document`. */
  kind: string;
  mimeType?: string;
  fileName?: string;
}

/** An inbound message, the same shape whatever the platform. */
export interface InboundMessage {
  platform: Platform;
  account: string;
  chatId: string;
  chatType: ChatType;
  senderId: string;
  senderName: string;
  text: string;
  quotedMessageId?: string;
  media?: MediaInfo;
  /** True when the message mentions our own account (a group @-mention). */
  mentionsUs: boolean;
  /** When the platform says the message was written. */
  timestamp: Date;
  platformMessageId: string;
}

export type SendFailureKind = 'transient' | 'rate_limited' | 'permanent';

/**
 * Why a send failed, in the terms dispatch needs to decide on a retry: `transient` (retry later),
 * `rate_limited` (retry after `retryAfterMs`, and slow the account down), `permanent` (a retry cannot help,
 * e.g. not a member of the group).
 */
export class SendError extends Error {
  constructor(
    readonly kind: SendFailureKind,
    message: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SendError';
  }

  /** The platform's own reason, kept on the delivery or the message for staff. */
  get reason(): string {
    return this.message;
  }
}

/** One chat account on one platform. */
export interface ChatConnector {
  readonly account: ChannelAccount;
  readonly state: ConnectorState;
  /**
   * Connects. Resolves once the account is ready or waits for a human to scan the QR code; rejects
   * (leaving the state `failed`) when the platform cannot be reached. Calling it again after a failure retries.
   */
  start(): Promise<void>;
  /** Disconnects and releases everything (browser, timers); the connector can be started again. */
  stop(): Promise<void>;
  /** Sends a text; throws `SendError`. */
  send(chat: ChatRef, content: OutboundContent): Promise<SentMessage>;
  /** The groups and direct chats the account is in. */
  listChats(): Promise<ChatSummary[]>;
  on(event: 'state', listener: (state: ConnectorState) => void): void;
  /** Our own messages are never delivered here. A rejected listener is logged, never retried. */
  on(event: 'message', listener: (message: InboundMessage) => Promise<void>): void;
}
