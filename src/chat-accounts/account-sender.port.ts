import type { ChatRef, ChatSummary, SentMessage } from '../connectors/index.js';

/**
 * The one way any feature sends on a chat account, by account id: dispatch's notices and the inbox's answers alike.
 * The adapter over the connectors is `accountSenderOf`. `send` throws `SendError` (this feature's one failure
 * vocabulary) whenever the platform explains the failure; anything else counts as transient (`sendFailureOf`).
 * The caller holds the account's turn (`inAccountTurn`): this port does not pace.
 */
export interface AccountSender {
  send(account: string, chat: ChatRef, content: { text: string; quotedMessageId?: string }): Promise<SentMessage>;
  /** The groups and direct chats the account is in. */
  listChats(account: string): Promise<ChatSummary[]>;
  /**
   * For a chat the platform limits by a quota of sends (a WeChat Official Account's language tag: one mass send a
   * day, or four a month), how many are left and how a refusal reads; absent when no account has such a quota.
   */
  massSendQuota?(account: string, chatId: string): Promise<{ left: number; refusal: string } | undefined>;
}
