import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PROJECT_ROOT, spawnService } from '../../support/service-process.js';

/** The redis-server processes working in this data folder (redis-server rewrites its command line, but not its cwd). */
function redisServersOn(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes('redis-server') && readlinkSync(`/proc/${entry}/cwd`) === dir) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until `pid` has exited (the event the test waits for), failing after `timeoutMs`. */
async function exitOf(pid: number, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`${what} (pid ${pid}) still running after ${timeoutMs} ms`);
    await sleep(50);
  }
}

describe('the demo and the service: their private Redis across stops and crashes', function () {
  this.timeout(180_000);
  let dataDir: string;
  const redisDir = () => join(dataDir, 'redis');
  const pidFile = () => join(redisDir(), 'sportello-redis-server.pid');
  const env = (mode = 'test') => ({ SPORTELLO_MODE: mode, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sportello-lifecycle-'));
  });

  afterEach(async () => {
    for (const pid of redisServersOn(redisDir())) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the service killed with SIGKILL leaves its redis-server; the next start stops it first: one server on the folder, none after a stop', async () => {
    const first = await spawnService(['--import', 'tsx', 'src/main.ts'], env());
    const [orphan] = redisServersOn(redisDir());
    expect(orphan).to.be.a('number');
    expect(readFileSync(pidFile(), 'utf8').trim()).to.equal(String(orphan));

    await first.signal('SIGKILL');
    expect(isAlive(orphan!), 'a kill -9 skips every exit handler: the server is orphaned').to.equal(true);
    const second = await spawnService(['--import', 'tsx', 'src/main.ts'], env());

    const servers = redisServersOn(redisDir());
    expect(isAlive(orphan!)).to.equal(false);
    expect(servers).to.have.length(1);
    expect(servers[0]).not.to.equal(orphan);
    expect(await second.signal('SIGTERM')).to.equal(0);
    await exitOf(servers[0]!, 'the second redis-server');
    expect(existsSync(pidFile())).to.equal(false);
    expect(second.output()).not.to.match(/error while stopping/i);
  });

  it('npm run demo stopped by Ctrl-C (SIGINT to the terminal’s process group): the service stops first and Redis last, without error lines', async () => {
    // detached: the launcher leads its own process group, as a shell's foreground job does.
    const demo = spawn(process.execPath, ['scripts/demo.mjs'], { cwd: PROJECT_ROOT, env: { ...process.env, ...env('demo') }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    demo.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(demo, 'exit');
    while (!/running at http/.test(output)) {
      if (demo.exitCode !== null) throw new Error(`the demo exited at start:\n${output}`);
      await sleep(100);
    }
    const [redis] = redisServersOn(redisDir());

    process.kill(-demo.pid!, 'SIGINT');
    const [code] = (await exited) as [number | null];

    expect(code, output).to.equal(0);
    expect(redis).to.be.a('number');
    await exitOf(redis!, 'the demo’s redis-server');
    expect(output.split("\n").filter((line) => /error|ECONNREFUSED|Connection is closed/i.test(line))).to.deep.equal([]);
    expect(existsSync(pidFile())).to.equal(false);
  });

  it('the demo’s launcher killed with SIGKILL: the service notices, stops, and stops its Redis', async () => {
    const demo = spawn(process.execPath, ['scripts/demo.mjs'], { cwd: PROJECT_ROOT, env: { ...process.env, ...env('demo') }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    demo.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    while (!/running at http/.test(output)) {
      if (demo.exitCode !== null) throw new Error(`the demo exited at start:\n${output}`);
      await sleep(100);
    }
    const [redis] = redisServersOn(redisDir());

    demo.kill('SIGKILL');

    expect(redis).to.be.a('number');
    await exitOf(redis!, 'the redis-server of the orphaned service');
    expect(existsSync(pidFile())).to.equal(false);
  });
});
