import type { ChatGateway } from '../dispatch/index.js';
import type { InboxChat } from '../inbox/index.js';
import { isOfficialAccount, type ConnectorRegistry } from '../connectors/index.js';
import { SendError, typingMsFor } from '../chat-accounts/index.js';

// Features own their view of the chat platforms (a port each); these adapt the connectors to both. A failure is
// the connectors' `SendError`, which chat-accounts offers both features as their one failure vocabulary.

/** Dispatch's view of the connectors: a send by account and chat, with the connectors' failure kinds kept. */
export function chatGatewayOf(connectors: ConnectorRegistry): ChatGateway {
  const connectorOf = (account: string) => {
    const connector = connectors.get(account);
    if (!connector) throw new SendError('permanent', `account ${account} is not configured`);
    return connector;
  };
  const massSendQuota: ChatGateway['massSendQuota'] = async (account, chatId) => {
    const connector = connectors.get(account);
    return isOfficialAccount(connector) ? connector.massSendQuota(chatId) : undefined;
  };
  return {
    // Asked for every group delivery as it is planned: offered only where an account has such a quota.
    ...(connectors.all().some(isOfficialAccount) ? { massSendQuota } : {}),
    async send(account, chat, text) {
      const connector = connectorOf(account);
      const sent = await connector.send(chat, { text, typingMs: typingMsFor(connector.account.rateLimit, text) });
      return { messageId: sent.platformMessageId ?? '' };
    },
    listChats: (account) => connectorOf(account).listChats(),
  };
}

/** The inbox's view of the connectors: a send into the chat a citizen wrote from, failure kinds kept. */
export function inboxChatOf(connectors: ConnectorRegistry): InboxChat {
  return {
    async send(account, chat, content) {
      const connector = connectors.get(account);
      if (!connector) throw new SendError('permanent', `account ${account} is not configured`);
      return await connector.send({ chatId: chat.chatId, type: chat.type }, { ...content, typingMs: typingMsFor(connector.account.rateLimit, content.text) });
    },
  };
}
