import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

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

/** Where the server's pid is kept while it runs, so that the next start can stop one a crash left behind. */
const PID_FILE = 'sportello-redis-server.pid';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Only a redis-server working in this folder: after a reboot the pid in the file may belong to anything. (It
 * rewrites its command line, but runs in its `--dir`.) Without /proc (not Linux) nothing is stopped.
 */
function isRedisServerIn(pid: number, dir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server') && readlinkSync(`/proc/${pid}/cwd`) === dir;
  } catch {
    return false;
  }
}

/**
 * A redis-server left running on this data folder by a process that was killed (`kill -9` skips every exit
 * handler): stopped (SIGTERM, so it writes its append-only file; SIGKILL after 10 s) before a new one starts,
 * so there is never a second server on the same files, nor an orphan.
 */
async function stopLeftover(dir: string): Promise<void> {
  const pidFile = join(dir, PID_FILE);
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && isRedisServerIn(pid, dir)) {
    process.kill(pid, 'SIGTERM');
    for (let waited = 0; isAlive(pid) && waited < 10_000; waited += 50) await sleep(50);
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    for (let waited = 0; isAlive(pid) && waited < 5_000; waited += 50) await sleep(50);
  }
  rmSync(pidFile, { force: true });
}

/**
 * Starts redis-server with append-only persistence in `dataDir` (queued jobs survive a restart of the demo).
 * `ephemeral` turns persistence off, for tests. The server runs in its own process group: a Ctrl-C in the
 * terminal reaches only the service, which stops this server last, after everything that uses it.
 */
export async function startPrivateRedis(options: { dataDir: string; port?: number; ephemeral?: boolean }): Promise<PrivateRedis> {
  const binary = findRedisBinary();
  if (!binary) throw new RedisBinaryMissing();
  const port = options.port || (await freePort());
  const dir = resolve(options.dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  await stopLeftover(dir);
  const persistence = options.ephemeral
    ? ['--save', '', '--appendonly', 'no']
    : ['--save', '60', '1', '--appendonly', 'yes', '--appendfsync', 'everysec'];
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--daemonize', 'no', '--protected-mode', 'yes', ...persistence],
    { stdio: 'ignore', detached: true },
  );
  const pidFile = join(dir, PID_FILE);
  if (child.pid) writeFileSync(pidFile, `${child.pid}\n`, { mode: 0o600 });
  // A private server must die with its parent, even on an exit that skips stop(); after a kill -9 of the parent,
  // the next start on this folder stops it (stopLeftover).
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  await waitForPing(port, child, 10_000);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((done) => {
          child.once('exit', () => done());
          child.kill('SIGTERM');
        });
      }
      rmSync(pidFile, { force: true });
    },
  };
}
