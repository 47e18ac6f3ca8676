import type { Connection } from 'mongoose';
import type { ChannelAccountConfig } from '../platform/config.js';
import type { Logger } from '../platform/logging/logger.js';
import type { ChannelAccount, ChatConnector } from './chat-connector.port.js';
import { SimulatorConnector } from './simulator/simulator.adapter.js';
import { configuredPuppet, WechatyConnector } from './wechaty/wechaty.adapter.js';
import { createWhatsAppClient, DEFAULT_CHROMIUM_PATH } from './whatsapp-web/whatsapp-client.factory.js';
import { WhatsAppWebConnector } from './whatsapp-web/whatsapp-web.adapter.js';

export interface ConnectorDeps {
  log: Logger;
  /** WhatsApp sessions (LocalAuth) live under it. */
  dataDir: string;
  /** Needed only by WhatsApp accounts with `auth: remote`. */
  mongo?: Connection;
  chromiumPath?: string;
  /** `host:port` of the HTTP proxy WhatsApp Web goes through, if the network needs one. */
  whatsappProxy?: string | undefined;
}

function channelAccount(account: ChannelAccountConfig): ChannelAccount {
  return { id: account.id, platform: account.platform, rateLimit: account.rateLimit };
}

/** The adapter for one configured account, chosen once at start-up. */
export function createConnector(account: ChannelAccountConfig, deps: ConnectorDeps): ChatConnector {
  const log = deps.log.child({ account: account.id, platform: account.platform });
  switch (account.platform) {
    case 'simulator':
      return new SimulatorConnector(account, { log });
    case 'wechat':
      return new WechatyConnector(channelAccount(account), { createOptions: configuredPuppet(account), log });
    case 'whatsapp':
      return new WhatsAppWebConnector(channelAccount(account), {
        log,
        createClient: () =>
          createWhatsAppClient({
            accountId: account.id,
            auth: account.auth,
            dataDir: deps.dataDir,
            mongo: deps.mongo,
            chromiumPath: deps.chromiumPath ?? DEFAULT_CHROMIUM_PATH,
            runningAsRoot: process.getuid?.() === 0,
            ...(deps.whatsappProxy ? { proxyServer: deps.whatsappProxy } : {}),
          }),
      });
  }
}
