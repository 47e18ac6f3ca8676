import type { GroupInput } from '../dispatch/index.js';
import type { Config } from '../platform/config.js';

/** Demo: the simulated community groups that declare a language become registered groups at first start. */
export function demoGroupsOf(config: Config): GroupInput[] {
  return config.connectors.accounts.flatMap((account) =>
    account.platform !== 'simulator'
      ? []
      : account.chats.flatMap((chat) =>
          chat.type === 'group' && chat.language
            ? [{ account: account.id, chatId: chat.chatId, name: chat.name, language: chat.language, topics: chat.topics ?? [], enabled: true }]
            : [],
        ),
  );
}
