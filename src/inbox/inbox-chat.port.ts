import type { ChatType } from '../connectors/index.js';

export type InboxSendFailureKind = 'transient' | 'rate_limited' | 'permanent';

export class InboxSendFailed extends Error {
  constructor(
    readonly kind: InboxSendFailureKind,
    readonly reason: string,
    readonly retryAfterMs?: number,
  ) {
    super(reason);
    this.name = 'InboxSendFailed';
  }
}

/**
 * The chat accounts as the inbox needs them: one send into the chat a citizen wrote from. `main.ts` adapts
 * the connectors' registry; `send` throws `InboxSendFailed` when the platform explains the failure, anything
 * else counts as transient.
 */
export interface InboxChat {
  send(
    account: string,
    chat: { chatId: string; type: ChatType },
    content: { text: string; quotedMessageId?: string },
  ): Promise<{ platformMessageId: string | null; sentAt: Date }>;
}
