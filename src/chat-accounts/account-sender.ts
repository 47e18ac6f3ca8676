import { isOfficialAccount, SendError, type ConnectorRegistry } from '../connectors/index.js';
import type { AccountSender } from './account-sender.port.js';
import { typingMsFor } from './send-budget.js';

/** The connectors as every sending feature sees them: "typing…" for the account's budget, failure kinds kept. */
export function accountSenderOf(connectors: ConnectorRegistry): AccountSender {
  const connectorOf = (account: string) => {
    const connector = connectors.get(account);
    if (!connector) throw new SendError('permanent', `account ${account} is not configured`);
    return connector;
  };
  const massSendQuota: AccountSender['massSendQuota'] = async (account, chatId) => {
    const connector = connectors.get(account);
    return isOfficialAccount(connector) ? connector.massSendQuota(chatId) : undefined;
  };
  return {
    // Asked for every group delivery as it is planned: offered only where an account has such a quota.
    ...(connectors.all().some(isOfficialAccount) ? { massSendQuota } : {}),
    async send(account, chat, content) {
      const connector = connectorOf(account);
      return await connector.send({ chatId: chat.chatId, type: chat.type }, { ...content, typingMs: typingMsFor(connector.account.rateLimit, content.text) });
    },
    listChats: (account) => connectorOf(account).listChats(),
  };
}
