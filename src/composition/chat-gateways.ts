import { ChatSendFailed, type ChatGateway } from '../dispatch/index.js';
import { InboxSendFailed, type InboxChat } from '../inbox/index.js';
import { SendError, type ConnectorRegistry } from '../connectors/index.js';
import { typingMsFor } from '../chat-accounts/index.js';

// Features own their view of the chat platforms (a port each); these adapt the connectors to both, keeping the
// connectors' failure kinds, so neither feature imports the other or the connectors' errors.

/** Dispatch's view of the connectors: a send by account and chat, with the connectors' failure kinds kept. */
export function chatGatewayOf(connectors: ConnectorRegistry): ChatGateway {
  const connectorOf = (account: string) => {
    const connector = connectors.get(account);
    if (!connector) throw new ChatSendFailed('permanent', `account ${account} is not configured`);
    return connector;
  };
  return {
    async send(account, chat, text) {
      try {
        const connector = connectorOf(account);
        const sent = await connector.send(chat, { text, typingMs: typingMsFor(connector.account.rateLimit, text) });
        return { messageId: sent.platformMessageId ?? '' };
      } catch (error) {
        if (error instanceof SendError) throw new ChatSendFailed(error.kind, error.message, error.retryAfterMs);
        throw error;
      }
    },
    listChats: (account) => connectorOf(account).listChats(),
  };
}

/** The inbox's view of the connectors: a send into the chat a citizen wrote from, failure kinds kept. */
export function inboxChatOf(connectors: ConnectorRegistry): InboxChat {
  return {
    async send(account, chat, content) {
      const connector = connectors.get(account);
      if (!connector) throw new InboxSendFailed('permanent', `account ${account} is not configured`);
      try {
        return await connector.send({ chatId: chat.chatId, type: chat.type }, { ...content, typingMs: typingMsFor(connector.account.rateLimit, content.text) });
      } catch (error) {
        if (error instanceof SendError) throw new InboxSendFailed(error.kind, error.message, error.retryAfterMs);
        throw error;
      }
    },
  };
}
