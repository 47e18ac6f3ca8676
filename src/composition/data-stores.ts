import { Redis } from 'ioredis';
import mongoose, { type Connection } from 'mongoose';
import { join } from 'node:path';
import { watchMongo } from '../platform/db/mongo-watch.js';
import { startPrivateRedis } from '../platform/redis/private-redis-server.js';
import type { ShutdownStack } from './shutdown-stack.js';

export interface DataStores {
  db: Connection;
  /** The database in use: the configured one, or the embedded engine's. */
  mongoUri: string;
  mongoWatch: ReturnType<typeof watchMongo>;
  redis: Redis;
  redisUrl: string;
}

/**
 * Connects to MongoDB and Redis, starting a private redis-server and the embedded engine where none is configured
 * (demo and test). The engine comes from `main.ts` (`startEmbeddedEngine`), the one module allowed to load it.
 */
export async function openDataStores(deps: {
  mongoUri: string | undefined;
  redisUrl: string | undefined;
  dataDir: string;
  /** Test mode: the private Redis keeps nothing on disk. */
  ephemeralRedis: boolean;
  startEmbeddedEngine: (dataDir: string) => Promise<{ uri: string; stop(): Promise<void> }>;
  stack: ShutdownStack;
}): Promise<DataStores> {
  const { stack } = deps;
  let redisUrl = deps.redisUrl;
  if (!redisUrl) {
    const redisServer = await startPrivateRedis({ dataDir: join(deps.dataDir, 'redis'), ephemeral: deps.ephemeralRedis });
    stack.push({ name: 'private redis', stop: redisServer.stop });
    redisUrl = redisServer.url;
  }

  let mongoUri = deps.mongoUri;
  if (!mongoUri) {
    const engine = await deps.startEmbeddedEngine(join(deps.dataDir, 'mongo'));
    stack.push({ name: 'embedded engine', stop: engine.stop });
    mongoUri = `${engine.uri}sportello`;
  }
  // 10 s unless the URI says otherwise (the driver lets an option given here override the URI's).
  const selection = /[?&]serverSelectionTimeoutMS=/i.test(mongoUri) ? {} : { serverSelectionTimeoutMS: 10_000 };
  // Mongoose records a stack trace on every query to report a query run twice; with source maps on (tsx) that
  // cost a few percent of the inbox intake's CPU (#17). Our repositories never run a query twice.
  mongoose.set('skipOriginalStackTraces', true);
  const db = mongoose.createConnection(mongoUri, selection);
  await db.asPromise();
  stack.push({ name: 'mongodb', stop: () => db.close() });
  const mongoWatch = watchMongo(db, { pingEveryMs: 1000 });
  stack.push({ name: 'mongodb watch', stop: async () => mongoWatch.stop() });

  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on('error', () => undefined);
  stack.push({ name: 'redis', stop: async () => void redis.disconnect() });
  return { db, mongoUri, mongoWatch, redis, redisUrl };
}
