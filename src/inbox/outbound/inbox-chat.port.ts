import type { ChatType } from '../../connectors/index.js';

/**
 * The chat accounts as the inbox needs them: one send into the chat a citizen wrote from. `main.ts` adapts
 * the connectors' registry; `send` throws `SendError` (chat-accounts' one failure vocabulary) when the platform explains the failure, anything
 * else counts as transient.
 */
export interface InboxChat {
  send(
    account: string,
    chat: { chatId: string; type: ChatType },
    content: { text: string; quotedMessageId?: string },
  ): Promise<{ platformMessageId: string | null; sentAt: Date }>;
}
