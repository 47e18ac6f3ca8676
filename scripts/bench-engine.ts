import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';
import { peakRssMb, spawnServer } from './lib/engine-child-process.js';

/**
 * `npm run bench:engine`: the embedded engine through the real driver, against the same
 * driver's round trips to a no-op wire server measured in the same run. Last line: JSON.
 * BENCH_SECONDS (default 3) sets each measurement's duration, BENCH_DOCS (default 1000000) the large size.
 * Inserts are measured in a collection of their own, dropped afterwards, so that the reads and updates "at 10k"
 * run on exactly 10,000 documents (the insert phases alone write tens of thousands).
 */
const { MongoClient } = mongoose.mongo;
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const seconds = Number(process.env['BENCH_SECONDS'] ?? 3);
const largeSize = Number(process.env['BENCH_DOCS'] ?? 1_000_000);
const smallSize = 10_000;

async function rate(concurrency: number, op: (i: number) => Promise<unknown>): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) await op(done++);
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return Math.round(done / ((performance.now() - started) / 1000));
}

const line = (label: string, value: number | string): void => {
  process.stdout.write(`${label.padEnd(48)} ${String(value)}\n`);
};

// The no-op bound first, with the same driver and client settings.
const noop = await spawnServer('scripts/lib/engine-noop-server.ts', [], repoRoot);
const noopClient = await MongoClient.connect(noop.uri);
const admin = noopClient.db('admin');
await rate(4, () => admin.command({ ping: 1 }));
const noop1 = await rate(1, () => admin.command({ ping: 1 }));
const noop16 = await rate(16, () => admin.command({ ping: 1 }));
await noopClient.close();
await noop.stop();
line('no-op round trips/s, 1 in flight', noop1);
line('no-op round trips/s, 16 in flight', noop16);

const dataDir = mkdtempSync(join(tmpdir(), 'bench-engine-'));
const engine = await spawnServer('scripts/engine.ts', ['--data', dataDir], repoRoot);
const client = await MongoClient.connect(engine.uri);
const docs = client.db('bench').collection<{ k: number; g: number; s: string; c?: number }>('docs');
await docs.createIndex({ k: 1 }, { unique: true });
await docs.createIndex({ g: 1 });
let nextK = 0;
const newDoc = (): { k: number; g: number; s: string } => {
  const k = nextK++;
  return { k, g: k % 1000, s: `name-${k}` };
};

const inserted = client.db('bench').collection<{ k: number; g: number; s: string }>('inserts');
await inserted.createIndex({ k: 1 }, { unique: true });
await inserted.createIndex({ g: 1 });
let insertK = 0;
const insertDoc = (): { k: number; g: number; s: string } => ({ k: insertK, g: insertK % 1000, s: `name-${insertK++}` });
await rate(4, () => inserted.insertOne(insertDoc()));
const insert1 = await rate(1, () => inserted.insertOne(insertDoc()));
const insert16 = await rate(16, () => inserted.insertOne(insertDoc()));
await inserted.drop();
line('engine inserts/s, 1 in flight (acknowledged)', insert1);
line('engine inserts/s, 16 in flight (group commit)', insert16);

async function fillTo(size: number): Promise<void> {
  while (nextK < size) {
    const batch = Array.from({ length: Math.min(10_000, size - nextK) }, newDoc);
    await docs.insertMany(batch, { ordered: false });
  }
}

const randomK = (): number => Math.floor(Math.random() * nextK);
async function measureAt(size: number): Promise<{ read: number; update: number }> {
  await fillTo(size);
  const count = await docs.countDocuments();
  if (count !== size) throw new Error(`measuring "at ${size} docs" on ${count}`);
  // Both paths warmed on this collection first: a cold path measures the JIT, not the engine.
  await rate(4, () => docs.findOne({ k: randomK() }));
  await rate(1, () => docs.updateOne({ k: randomK() }, { $inc: { c: 1 } }));
  const read = await rate(1, () => docs.findOne({ k: randomK() }));
  const update = await rate(1, () => docs.updateOne({ k: randomK() }, { $inc: { c: 1 } }));
  line(`engine indexed point reads/s at ${size} docs`, read);
  line(`engine updates by indexed field/s at ${size} docs`, update);
  return { read, update };
}

const small = await measureAt(smallSize);
const fillStarted = performance.now();
const large = await measureAt(largeSize);
line(`fill to ${largeSize} docs + measurements took s`, Math.round((performance.now() - fillStarted) / 1000));
const peakRss = peakRssMb(engine.child.pid!);
line(`engine peak RSS MB, up to ${largeSize} docs, 2 indexes`, peakRss);

await client.close();
await engine.stop();
rmSync(dataDir, { recursive: true, force: true });

const round = (x: number): number => Math.round(x * 100) / 100;
const summary = {
  noopRoundTrips1: noop1,
  noopRoundTrips16: noop16,
  inserts1: insert1,
  inserts16: insert16,
  pointReads10k: small.read,
  pointReads1M: large.read,
  updates10k: small.update,
  updates1M: large.update,
  pointReadRatio: round(small.read / noop1),
  insertRatio16: round(insert16 / noop16),
  pointReadGrowth: round(small.read / large.read),
  updateGrowth: round(small.update / large.update),
  peakRssMbTo1M: peakRss,
  largeSize,
};
process.stdout.write(`${JSON.stringify(summary)}\n`);
