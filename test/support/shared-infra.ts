import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedMongo } from '../../src/embedded-mongo/index.js';
import { startPrivateRedis } from '../../src/platform/redis/private-redis-server.js';

/**
 * A database and a Redis that outlive the service processes started on them, as in production: for tests that
 * restart or kill the service and its workers. `env` points a stack or a worker process at them.
 */
export interface SharedInfra {
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startSharedInfra(): Promise<SharedInfra> {
  const dir = mkdtempSync(join(tmpdir(), 'sportello-infra-'));
  const mongo = await startEmbeddedMongo({ dataDir: join(dir, 'mongo') });
  const redis = await startPrivateRedis({ dataDir: join(dir, 'redis') });
  return {
    env: {
      MONGODB_URI: `${mongo.uri}sportello`,
      REDIS_URL: redis.url,
      BOOTSTRAP_ADMIN_EMAIL: 'admin@sportello.test',
      BOOTSTRAP_ADMIN_PASSWORD: randomBytes(18).toString('base64url'),
    },
    async stop() {
      await redis.stop();
      await mongo.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
