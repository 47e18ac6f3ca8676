import { expect } from 'chai';
import { mkdtempSync, readdirSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedMongo } from '../../../src/embedded-mongo/index.js';
import { killHard, spawnChildEngine, type ChildEngine } from './child-engine.js';

const { MongoClient } = mongoose.mongo;

interface Person {
  _id: number;
  email: string;
  visits?: number;
  note?: string;
}

const person = (id: number): Person => ({ _id: id, email: `p${id}@example.test`, note: 'x'.repeat(60) });
const snapshotFiles = (dir: string): string[] => readdirSync(dir).filter((name) => /^snapshot-\d+\.bson$/.test(name));

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('embedded-mongo snapshots', function () {
  this.timeout(90_000);
  let dataDir: string;
  let child: ChildEngine | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'embedded-mongo-snapshot-'));
    child = undefined;
  });

  afterEach(async () => {
    if (child) await killHard(child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('journal past snapshotAfterBytes, then more writes, restart recovers the snapshot plus the journal tail', async () => {
    const first = await startEmbeddedMongo({ dataDir, snapshotAfterBytes: 64 * 1024 });
    const client = await MongoClient.connect(`${first.uri}snap`);
    const people = client.db('snap').collection<Person>('people');
    await people.createIndex({ email: 1 }, { unique: true });
    for (let batch = 0; batch < 20; batch += 1) await people.insertMany(Array.from({ length: 100 }, (_, i) => person(batch * 100 + i)));
    await until(() => snapshotFiles(dataDir).length > 0, 20_000);
    // The tail: small enough to stay under the threshold, so it lives only in the journal.
    await people.updateMany({ _id: { $lt: 10 } }, { $inc: { visits: 1 } });
    await people.deleteMany({ _id: { $gte: 1990 } });
    await people.insertOne(person(5000));
    await client.close();
    await first.stop();

    const second = await startEmbeddedMongo({ dataDir });
    const again = await MongoClient.connect(`${second.uri}snap`);
    try {
      const stored = again.db('snap').collection<Person>('people');
      const duplicate = await stored.insertOne({ _id: 9999, email: 'p3@example.test' }).then(() => null, (e: { code?: number }) => e);
      expect(await stored.countDocuments()).to.equal(1991);
      expect(await stored.countDocuments({ visits: 1 })).to.equal(10);
      expect(await stored.findOne({ _id: 1995 })).to.equal(null);
      expect((await stored.findOne({ _id: 5000 }))?.email).to.equal('p5000@example.test');
      expect(duplicate?.code).to.equal(11000);
      expect(snapshotFiles(dataDir)).to.have.length(1);
    } finally {
      await again.close();
      await second.stop();
    }
  });

  it('kill -9 once a snapshot has started writing, restart finds every acknowledged write', async () => {
    child = await spawnChildEngine(dataDir, ['--snapshot-after-bytes', String(4 * 1024 * 1024)]);
    const engine = child;
    let snapshotStarted = false;
    // Killed as soon as the snapshot's temporary file appears: the writers are still going.
    const watcher = watch(dataDir, (_event, name) => {
      if (name !== 'snapshot.tmp' || snapshotStarted) return;
      snapshotStarted = true;
      engine.child.kill('SIGKILL');
    });
    const client = await MongoClient.connect(`${engine.uri}snap`, { serverSelectionTimeoutMS: 5000, retryWrites: false });
    const people = client.db('snap').collection<Person>('people');
    const acknowledged: number[] = [];
    const writer = async (lane: number): Promise<void> => {
      for (let batch = 0; ; batch += 1) {
        const docs = Array.from({ length: 200 }, (_, i) => person(lane * 10_000_000 + batch * 200 + i));
        try {
          await people.insertMany(docs);
        } catch (error) {
          // Only the kill may end a writer; any other failure is the test's to report.
          if (snapshotStarted) return;
          throw error;
        }
        acknowledged.push(...docs.map((doc) => doc._id));
      }
    };
    await Promise.all([writer(1), writer(2), writer(3)]);
    watcher.close();
    // The lock is only free once the killed process has been reaped.
    await killHard(engine);
    await client.close(true);
    const acknowledgedAtKill = [...acknowledged];

    const restarted = await startEmbeddedMongo({ dataDir });
    const reader = await MongoClient.connect(`${restarted.uri}snap`);
    try {
      const ids = new Set((await reader.db('snap').collection<Person>('people').find({}, { projection: { _id: 1 } }).toArray()).map((doc) => doc._id));
      expect(snapshotStarted).to.equal(true);
      expect(acknowledgedAtKill.length).to.be.greaterThan(0);
      expect(acknowledgedAtKill.filter((id) => !ids.has(id))).to.deep.equal([]);
    } finally {
      await reader.close();
      await restarted.stop();
    }
  });
});
