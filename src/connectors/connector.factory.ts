import type { Connection } from 'mongoose';
import type { Redis } from 'ioredis';
import { join } from 'node:path';
import { FileSpool } from '../platform/spool/file-spool.js';
import type { SpooledCallback } from './wechat-official/callback-message.js';
// Imported up front, unlike the heavy clients below: plain HTTP calls and an XML parser, and the callback
// route needs the class anyway.
import { WeChatOfficialConnector } from './wechat-official/wechat-official.adapter.js';
import type { ChannelAccountConfig } from '../platform/config.js';
import type { Logger } from '../platform/logging/logger.js';
import type { ChannelAccount, ChatConnector } from './chat-connector.port.js';
import { SimulatorConnector } from './simulator/simulator.adapter.js';

export interface ConnectorDeps {
  log: Logger;
  /** WhatsApp sessions (LocalAuth) live under it. */
  dataDir: string;
  /** Needed only by WhatsApp accounts with `auth: remote`. */
  mongo?: Connection;
  chromiumPath?: string;
  /** `host:port` of the HTTP proxy WhatsApp Web goes through, if the network needs one. */
  whatsappProxy?: string | undefined;
  /** Needed only by Official Accounts: their access token and answer windows are shared by every process. */
  redis?: Redis;
}

function channelAccount(account: ChannelAccountConfig): ChannelAccount {
  return { id: account.id, platform: account.platform, rateLimit: account.rateLimit };
}

/**
 * The adapter for one configured account, chosen once at start-up. A platform's adapter is imported only when
 * an account of that platform is configured: Wechaty (with gRPC and RxJS) and whatsapp-web.js (with
 * Puppeteer) weigh about 50 MB of heap together, which a town on one platform, or the demo, does not carry,
 * and which every full garbage collection would otherwise walk through.
 */
export async function createConnector(account: ChannelAccountConfig, deps: ConnectorDeps): Promise<ChatConnector> {
  const log = deps.log.child({ account: account.id, platform: account.platform });
  switch (account.platform) {
    case 'simulator':
      return new SimulatorConnector(account, { log });
    case 'wechat': {
      const { configuredPuppet, WechatyConnector } = await import('./wechaty/wechaty.adapter.js');
      return new WechatyConnector(channelAccount(account), { createOptions: configuredPuppet(account), log });
    }
    case 'wechat-official': {
      if (!deps.redis) throw new Error('an Official Account needs Redis (its shared access token)');
      // Callbacks wait on the local disk until handled: WeChat is told `success` before the work is done.
      const spool = await FileSpool.open<SpooledCallback>(join(deps.dataDir, 'wechat-official', account.id));
      return new WeChatOfficialConnector(account, { log, redis: deps.redis, spool });
    }
    case 'whatsapp': {
      const [{ createWhatsAppClient, DEFAULT_CHROMIUM_PATH }, { WhatsAppWebConnector }] = await Promise.all([
        import('./whatsapp-web/whatsapp-client.factory.js'),
        import('./whatsapp-web/whatsapp-web.adapter.js'),
      ]);
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
}
