import mongoose from 'mongoose';
import { Redis } from 'ioredis';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type Config } from './platform/config.js';
import { createLogger, type Logger } from './platform/logging/logger.js';
import { createI18n } from './platform/i18n/i18n.js';
import { createHttpApp } from './platform/http/app.js';
import { createHealthRoutes, type ReadinessCheck } from './platform/http/health.routes.js';
import { createMetricsRegistry, createMetricsRoutes } from './platform/http/metrics.routes.js';
import { startPrivateRedis } from './platform/redis/private-redis-server.js';
import { createBullQueueFactory } from './platform/queue/bull-queue.adapter.js';
import { createIdentity, type DemoCredentials } from './identity/index.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface RunningSportello {
  url: string;
  config: Config;
  log: Logger;
  /** Demo mode: the admin's e-mail, random password and API token, printed at start. */
  demoCredentials: DemoCredentials | undefined;
  /** Graceful: stop accepting, drain in-flight jobs, stop connectors, close connections, in reverse order of start. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Worker-only process (`npm run worker`): runs the queue processors and no HTTP routes but health. */
  worker?: boolean;
  logDestination?: NodeJS.WritableStream;
}

/** The composition root: config, database, Redis, queues, connectors, features, HTTP — in that order. */
export async function startSportello(env: NodeJS.ProcessEnv, options: StartOptions = {}): Promise<RunningSportello> {
  const config = loadConfig(env);
  const log = createLogger({ level: config.log.level, ...(options.logDestination ? { destination: options.logDestination } : {}) });
  const stack: Array<{ name: string; stop: () => Promise<void> }> = [];
  const stopAll = async (): Promise<void> => {
    for (const part of stack.reverse()) {
      try {
        await part.stop();
      } catch (error) {
        log.warn({ err: error, part: part.name }, 'error while stopping');
      }
    }
  };

  try {
    const dataDir = resolve(ROOT, config.dataDir);

    let redisUrl = config.redis.url;
    if (!redisUrl) {
      const redisServer = await startPrivateRedis({ dataDir: join(dataDir, 'redis'), ephemeral: config.mode === 'test' });
      stack.push({ name: 'private redis', stop: redisServer.stop });
      redisUrl = redisServer.url;
    }

    let mongoUri = config.mongo.uri;
    if (!mongoUri) {
      const { startEmbeddedMongo } = await import('./embedded-mongo/index.js');
      const engine = await startEmbeddedMongo({ dataDir: join(dataDir, 'mongo') });
      stack.push({ name: 'embedded engine', stop: engine.stop });
      mongoUri = `${engine.uri}sportello`;
    }
    const db = mongoose.createConnection(mongoUri, { serverSelectionTimeoutMS: 10_000 });
    await db.asPromise();
    stack.push({ name: 'mongodb', stop: () => db.close() });

    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    redis.on('error', () => undefined);
    stack.push({ name: 'redis', stop: async () => void redis.disconnect() });

    const identity = await createIdentity({
      db,
      redis,
      bootstrap: { mode: config.mode, admin: config.security.bootstrapAdmin, demoAdminToken: config.security.demoAdminToken },
      sessionSecret: config.security.sessionSecret,
      publicUrl: config.http.publicUrl,
    });

    const queues = createBullQueueFactory({ redisUrl });
    stack.push({ name: 'queues', stop: () => queues.close() });

    const i18n = await createI18n(join(ROOT, 'locales'));
    const metrics = createMetricsRegistry();

    for (const queue of queues.queues) {
      if (!queue.hasProcessor && (options.worker || config.dispatch.workersInProcess)) {
        throw new Error(`queue ${queue.name} has no processor`);
      }
    }

    const readiness: ReadinessCheck[] = [
      { name: 'mongodb', check: async () => ({ ok: db.readyState === 1 && (await db.db?.admin().ping())?.ok === 1 }) },
      { name: 'redis', check: async () => ({ ok: (await redis.ping()) === 'PONG' }) },
    ];

    const app = createHttpApp({
      log,
      bodyLimit: config.http.bodyLimit,
      translateTitle: (req, code, fallback) => i18n.t(`problems.${code}`, { lng: req.acceptsLanguages()[0] ?? 'it', defaultValue: fallback }),
      authenticate: identity.authenticate,
      mounts: [
        { path: '/', router: createHealthRoutes(() => readiness) },
        { path: '/', router: createMetricsRoutes(metrics) },
        { path: '/api/v1', router: identity.routes },
      ],
    });

    const server: Server = await new Promise((resolveServer, reject) => {
      const listening = app.listen(config.http.port, config.http.host, () => resolveServer(listening));
      listening.once('error', reject);
    });
    stack.push({
      name: 'http',
      stop: () =>
        new Promise<void>((done) => {
          server.close(() => done());
          server.closeIdleConnections();
        }),
    });
    const port = (server.address() as AddressInfo).port;
    const url = config.http.publicUrl ?? `http://localhost:${port}`;
    log.info({ port, mode: config.mode }, 'sportello started');

    return { url, config, log, demoCredentials: identity.demoCredentials, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function runFromCommandLine(): Promise<void> {
  let running: RunningSportello;
  try {
    running = await startSportello(process.env, { worker: process.argv.includes('--worker') });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`sportello: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`sportello: failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(`Sportello is running at ${running.url}\n`);
  const demo = running.demoCredentials;
  if (demo) {
    process.stdout.write(`Admin e-mail:    ${demo.email}\nAdmin password:  ${demo.password}\nAdmin API token: ${demo.token}\n`);
  }
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    running.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), running.config.shutdownGraceMs);
    force.unref();
    void running.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  void runFromCommandLine();
}
