import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { DataDirInUse, startEmbeddedMongo } from '../../../src/embedded-mongo/index.js';
import { killHard, spawnChildEngine } from './child-engine.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The state letter of a process in /proc (R, S, Z for a zombie…), or undefined once it is gone. */
function processState(pid: number): string | undefined {
  try {
    return /^State:\s+(\S)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i += 1) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * An engine whose parent never reaps it: a shell starts it in the background, prints its pid, then becomes
 * `sleep`. Killed, the engine stays a zombie until that parent ends, as a crashed engine under a busy or
 * stuck supervisor does.
 */
async function spawnUnreapedEngine(dataDir: string): Promise<{ parent: ChildProcess; pid: number; uri: string }> {
  const script = `node --import tsx scripts/engine.ts --data "$1" & echo "pid $!"; exec sleep 600`;
  const parent = spawn('sh', ['-c', script, 'sh', dataDir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  return new Promise((resolve, reject) => {
    parent.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const pid = /^pid (\d+)$/m.exec(out)?.[1];
      const uri = out.split('\n').find((line) => line.startsWith('mongodb://'));
      if (pid && uri) resolve({ parent, pid: Number(pid), uri: uri.trim() });
    });
    parent.once('exit', (code) => reject(new Error(`engine's parent exited with ${String(code)}: ${out}`)));
  });
}

describe('embedded engine: one engine per data folder, the lock released by the kernel when the owner dies', function () {
  this.timeout(60_000);
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'engine-lock-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('kill -9 of an engine not yet reaped (a zombie), restart on the same folder at once: starts, with the data written before', async () => {
    const first = await spawnUnreapedEngine(dataDir);
    try {
      const client = await MongoClient.connect(first.uri, { serverSelectionTimeoutMS: 5000 });
      await client.db('app').collection('contacts').insertOne({ _id: 'c-1' as never, name: 'Amina' });
      await client.close();

      process.kill(first.pid, 'SIGKILL');
      // The event that proves the engine is dead: the kernel shows it as a zombie (its pid still answers kill(pid, 0)).
      await until(() => processState(first.pid) === 'Z', 'the killed engine to become a zombie');

      const second = await startEmbeddedMongo({ dataDir });
      try {
        const reader = await MongoClient.connect(second.uri, { serverSelectionTimeoutMS: 5000 });
        expect(await reader.db('app').collection('contacts').findOne({ _id: 'c-1' as never })).to.deep.equal({ _id: 'c-1', name: 'Amina' });
        await reader.close();
      } finally {
        await second.stop();
      }
    } finally {
      const exited = once(first.parent, 'exit');
      first.parent.kill('SIGKILL');
      await exited;
    }
  });

  it('kill -9 of an engine process, restart on the same folder as soon as it has exited: starts', async () => {
    const child = await spawnChildEngine(dataDir);
    await killHard(child);

    const restarted = await startEmbeddedMongo({ dataDir });

    await restarted.stop();
    expect(restarted.port).to.be.greaterThan(0);
  });

  it('a second engine on a folder another live process owns: refused with DataDirInUse, the owner still serving', async () => {
    const owner = await spawnChildEngine(dataDir);
    try {
      const error = await startEmbeddedMongo({ dataDir }).then(
        async (engine) => {
          await engine.stop();
          return null;
        },
        (thrown: unknown) => thrown,
      );

      expect(error).to.be.instanceOf(DataDirInUse);
      const client = await MongoClient.connect(owner.uri, { serverSelectionTimeoutMS: 5000 });
      expect((await client.db('admin').command({ ping: 1 }))['ok']).to.equal(1);
      await client.close();
    } finally {
      await killHard(owner);
    }
  });

  it('a second engine on a folder this process already serves, even by another path to it: refused; free again after stop', async () => {
    const first = await startEmbeddedMongo({ dataDir });
    try {
      const error = await startEmbeddedMongo({ dataDir: join(dataDir, '.', '') }).then(
        async (engine) => {
          await engine.stop();
          return null;
        },
        (thrown: unknown) => thrown,
      );
      expect(error).to.be.instanceOf(DataDirInUse);
    } finally {
      await first.stop();
    }

    const again = await startEmbeddedMongo({ dataDir });
    await again.stop();
  });
});
