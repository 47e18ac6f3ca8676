import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedMongo } from '../../../src/embedded-mongo/index.js';
import { killHard, spawnChildEngine, type ChildEngine } from './child-engine.js';

const { MongoClient } = mongoose.mongo;

describe('embedded-mongo durability', function () {
  this.timeout(60_000);
  let dataDir: string;
  let child: ChildEngine | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'embedded-mongo-crash-'));
  });

  afterEach(async () => {
    if (child) await killHard(child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('kill -9 during a stream of acknowledged writes and transactions, restart, finds every acknowledged write and no half transaction', async () => {
    child = await spawnChildEngine(dataDir);
    const client = await MongoClient.connect(`${child.uri}crash`, { serverSelectionTimeoutMS: 5000, retryWrites: false });
    const docs = client.db('crash').collection<{ _id: string; pair?: number }>('docs');
    const acknowledged: string[] = [];
    let stop = false;
    let killing = false;
    let reachedTarget!: () => void;
    const target = new Promise<void>((resolve) => {
      reachedTarget = resolve;
    });

    const writer = async (lane: number): Promise<void> => {
      for (let i = 0; !stop; i += 1) {
        const id = `w${lane}-${i}`;
        try {
          if (i % 5 === 0) {
            const session = client.startSession();
            await session.withTransaction(async () => {
              await docs.insertOne({ _id: `${id}-a`, pair: lane * 1e6 + i }, { session });
              await docs.insertOne({ _id: `${id}-b`, pair: lane * 1e6 + i }, { session });
            });
            await session.endSession();
            acknowledged.push(`${id}-a`, `${id}-b`);
          } else {
            await docs.insertOne({ _id: id });
            acknowledged.push(id);
          }
        } catch (error) {
          // Only the kill may end a writer; any other failure is the test's to report.
          if (killing) return;
          throw error;
        }
        if (acknowledged.length >= 400) reachedTarget();
      }
    };
    const lanes = Array.from({ length: 8 }, (_, lane) => writer(lane));
    // A lane that fails before the kill fails the test instead of waiting for the target forever.
    await Promise.race([target, Promise.all(lanes)]);
    // The kill lands while the lanes still have writes in flight.
    killing = true;
    await killHard(child);
    stop = true;
    await Promise.all(lanes);
    await client.close(true);
    const acknowledgedAtKill = [...acknowledged];

    const engine = await startEmbeddedMongo({ dataDir });
    const reader = await MongoClient.connect(`${engine.uri}crash`);
    try {
      const stored = await reader.db('crash').collection<{ _id: string; pair?: number }>('docs').find().toArray();
      const storedIds = new Set(stored.map((doc) => doc._id));
      const missing = acknowledgedAtKill.filter((id) => !storedIds.has(id));
      const pairCounts = new Map<number, number>();
      for (const doc of stored) if (doc.pair !== undefined) pairCounts.set(doc.pair, (pairCounts.get(doc.pair) ?? 0) + 1);

      expect(missing).to.deep.equal([]);
      expect([...pairCounts.values()].every((count) => count === 2)).to.equal(true);
    } finally {
      await reader.close();
      await engine.stop();
    }
  });

  it('second engine on a data folder in use, refuses with a clear message', async () => {
    child = await spawnChildEngine(dataDir);

    const error = await startEmbeddedMongo({ dataDir }).then(() => null, (e: unknown) => e);

    expect((error as Error).message).to.match(/in use by another embedded engine/);
  });

  it('restart after a clean stop and a snapshot-free journal, keeps data and indexes', async () => {
    const first = await startEmbeddedMongo({ dataDir });
    const client = await MongoClient.connect(`${first.uri}keep`);
    await client.db('keep').collection('people').createIndex({ email: 1 }, { unique: true });
    await client.db('keep').collection('people').insertMany([{ email: 'a' }, { email: 'b' }]);
    await client.close();
    await first.stop();

    const second = await startEmbeddedMongo({ dataDir });
    const again = await MongoClient.connect(`${second.uri}keep`);
    try {
      const people = again.db('keep').collection('people');
      const duplicate = await people.insertOne({ email: 'a' }).then(() => null, (e: { code?: number }) => e);
      expect(await people.countDocuments()).to.equal(2);
      expect(duplicate?.code).to.equal(11000);
    } finally {
      await again.close();
      await second.stop();
    }
  });
});
