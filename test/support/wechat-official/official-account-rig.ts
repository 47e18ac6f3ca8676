import { Redis } from 'ioredis';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnectorRegistry } from '../../../src/connectors/index.js';
import { createOfficialAccountCallbackRoutes } from '../../../src/connectors/wechat-official/callback.routes.js';
import type { SpooledCallback } from '../../../src/connectors/wechat-official/callback-message.js';
import { WeChatOfficialConnector, type OfficialAccountConfig } from '../../../src/connectors/wechat-official/wechat-official.adapter.js';
import { createHttpApp } from '../../../src/platform/http/app.js';
import { startPrivateRedis, type PrivateRedis } from '../../../src/platform/redis/private-redis-server.js';
import { FileSpool } from '../../../src/platform/spool/file-spool.js';
import { silentLogger } from '../silent-logger.js';
import { OfficialAccountDouble } from './official-account-double.js';
import type { CallbackAccount } from './wechat-callback.js';

/** Made-up credentials in WeChat's formats. */
export const TEST_OFFICIAL_ACCOUNT = {
  appId: 'wx0123456789abcdef',
  appSecret: '0123456789abcdef0123456789abcdef',
  token: 'sportelloToken2026',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
} as const;

export function buildOfficialAccountConfig(apiBaseUrl: string, overrides: Partial<OfficialAccountConfig> = {}): OfficialAccountConfig {
  return {
    platform: 'wechat-official',
    id: 'oa-test',
    kind: 'service',
    ...TEST_OFFICIAL_ACCOUNT,
    apiBaseUrl,
    languages: ['zh-Hans', 'it'],
    rateLimit: { minIntervalMs: 100, dailyCap: 100_000 },
    ...overrides,
  };
}

/**
 * One Official Account connector with everything real around it but WeChat: the API double on loopback, a private
 * Redis, the spool on a temporary disk folder, and the callback route served over HTTP for `postCallback`.
 */
export interface OfficialAccountRig {
  connector: WeChatOfficialConnector;
  double: OfficialAccountDouble;
  redis: Redis;
  callback: CallbackAccount;
  /** The connector's spool folder: a second connector on it plays the process after a restart. */
  spoolDir: string;
  dispose(): Promise<void>;
}

export async function startOfficialAccountRig(options: { safeMode?: boolean; kind?: 'subscription' | 'service'; probeEveryMs?: number } = {}): Promise<OfficialAccountRig> {
  const dir = mkdtempSync(join(tmpdir(), 'sportello-oa-'));
  const double = new OfficialAccountDouble({ appId: TEST_OFFICIAL_ACCOUNT.appId, appSecret: TEST_OFFICIAL_ACCOUNT.appSecret, kind: options.kind ?? 'service' });
  let redisServer: PrivateRedis | undefined;
  let server: Server | undefined;
  let redis: Redis | undefined;
  const dispose = async (): Promise<void> => {
    await connector?.stop();
    await double.stop();
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    redis?.disconnect();
    await redisServer?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  let connector: WeChatOfficialConnector | undefined;
  try {
    await double.start();
    redisServer = await startPrivateRedis({ dataDir: join(dir, 'redis'), ephemeral: true });
    redis = new Redis(redisServer.url, { maxRetriesPerRequest: 1 });
    const config = buildOfficialAccountConfig(double.url, { kind: options.kind ?? 'service', ...(options.safeMode ? {} : { encodingAESKey: undefined }) });
    connector = new WeChatOfficialConnector(config, {
      log: silentLogger,
      redis,
      spool: await FileSpool.open<SpooledCallback>(join(dir, 'spool')),
      probeEveryMs: options.probeEveryMs ?? 20,
    });
    const live = connector;
    const registry = await createConnectorRegistry({ accounts: [config], log: silentLogger, dataDir: dir, build: () => live });
    const app = createHttpApp({
      log: silentLogger,
      bodyLimit: '100kb',
      translateTitle: (_req, _code, fallback) => fallback,
      mounts: [{ path: '/wechat-official', router: createOfficialAccountCallbackRoutes({ registry }) }],
    });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const callback: CallbackAccount = {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat-official/${config.id}`,
      token: config.token,
      appId: config.appId,
      ...(config.encodingAESKey ? { encodingAESKey: config.encodingAESKey } : {}),
    };
    double.account.callback = callback;
    return { connector, double, redis, callback, spoolDir: join(dir, 'spool'), dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
