import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/**
 * A redis-server that Sportello starts for itself (demo, tests) when `REDIS_URL` is not set. It listens on
 * loopback only, on a free port, with its data in a folder of ours, so we never touch (or flush) a Redis
 * the project did not start.
 */
export interface PrivateRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export class RedisBinaryMissing extends Error {
  constructor() {
    super('redis-server is not installed: run `apt-get install redis-server` (Debian) or set REDIS_URL');
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export function findRedisBinary(): string | undefined {
  for (const candidate of [process.env.REDIS_SERVER_BIN, 'redis-server', '/usr/bin/redis-server', '/usr/local/bin/redis-server']) {
    if (candidate && spawnSync(candidate, ['--version'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  return undefined;
}

async function waitForPing(port: number, child: ChildProcess, deadlineMs: number): Promise<void> {
  const { Redis } = await import('ioredis');
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode} at start`);
    const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      return;
    } catch {
      if (Date.now() - started > deadlineMs) throw new Error('redis-server did not answer PING in time');
      await new Promise((r) => setTimeout(r, 25));
    } finally {
      client.disconnect();
    }
  }
}

/**
 * Starts redis-server with append-only persistence in `dataDir` (queued jobs survive a restart of the demo).
 * `ephemeral` turns persistence off, for tests.
 */
export async function startPrivateRedis(options: { dataDir: string; port?: number; ephemeral?: boolean }): Promise<PrivateRedis> {
  const binary = findRedisBinary();
  if (!binary) throw new RedisBinaryMissing();
  const port = options.port || (await freePort());
  const dir = resolve(options.dataDir);
  mkdirSync(dir, { recursive: true });
  const persistence = options.ephemeral
    ? ['--save', '', '--appendonly', 'no']
    : ['--save', '60', '1', '--appendonly', 'yes', '--appendfsync', 'everysec'];
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--daemonize', 'no', '--protected-mode', 'yes', ...persistence],
    { stdio: 'ignore' },
  );
  // A private server must die with its parent, even on a crash that skips stop().
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  await waitForPing(port, child, 10_000);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode !== null) return;
      await new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      });
    },
  };
}
