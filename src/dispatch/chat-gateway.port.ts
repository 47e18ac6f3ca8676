export interface ChatSummary {
  chatId: string;
  name: string;
  type: 'group' | 'direct';
}

/**
 * The chat accounts as dispatch sees them; `main.ts` adapts the connectors' registry to it. `send` throws
 * `SendError` (chat-accounts' one failure vocabulary) for every failure the platform explains; anything else counts as transient.
 */
export interface ChatGateway {
  send(account: string, chat: { chatId: string; type: 'group' | 'direct' }, text: string): Promise<{ messageId: string }>;
  listChats(account: string): Promise<ChatSummary[]>;
  /**
   * For a chat the platform limits by a quota of sends (a WeChat Official Account's language tag: one mass send a
   * day, or four a month), how many are left and how a refusal reads; `undefined` for any other chat.
   */
  massSendQuota?(account: string, chatId: string): Promise<{ left: number; refusal: string } | undefined>;
}
