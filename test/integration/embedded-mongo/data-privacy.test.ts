import { expect } from 'chai';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../../../src/embedded-mongo/index.js';

const mode = (path: string): number => statSync(path).mode & 0o777;

/** The files of the data folder that hold `text` anywhere in their bytes. */
function filesHolding(dataDir: string, text: string): string[] {
  return readdirSync(dataDir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && readFileSync(join(dataDir, entry.name)).includes(text))
    .map((entry) => entry.name);
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i += 1) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('embedded engine: data files private to the engine, erased documents gone from every file', function () {
  this.timeout(60_000);
  let dataDir: string;

  beforeEach(() => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'engine-privacy-')), 'data');
  });
  afterEach(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));

  it('a new folder: the folder 0700, the journal and the snapshot 0600', async () => {
    const engine = await startEmbeddedMongo({ dataDir, snapshotAfterBytes: 1 });
    try {
      const client = await MongoClient.connect(engine.uri, { serverSelectionTimeoutMS: 5000 });
      await client.db('app').collection('messages').insertOne({ text: 'Buongiorno, ho una domanda sul permesso' });
      await client.close();
      // snapshotAfterBytes: 1 makes the write above call for a snapshot.
      await until(() => readdirSync(dataDir).some((name) => name.startsWith('snapshot-')), 'a snapshot');
    } finally {
      await engine.stop();
    }

    expect(mode(dataDir)).to.equal(0o700);
    const files = readdirSync(dataDir);
    expect(files.some((name) => name.startsWith('journal-'))).to.equal(true);
    for (const name of files) expect(mode(join(dataDir, name)), name).to.equal(0o600);
  });

  it('a folder an earlier version left readable (0755, files 0644): made private when the engine starts', async () => {
    const first = await startEmbeddedMongo({ dataDir });
    await first.stop();
    chmodSync(dataDir, 0o755);
    for (const name of readdirSync(dataDir)) chmodSync(join(dataDir, name), 0o644);
    writeFileSync(join(dataDir, 'engine.lock'), '12345');

    const engine = await startEmbeddedMongo({ dataDir });
    await engine.stop();

    expect(mode(dataDir)).to.equal(0o700);
    for (const name of readdirSync(dataDir)) expect(mode(join(dataDir, name)), name).to.equal(0o600);
  });

  it("a citizen's contact and messages deleted: within the compaction bound no file of the folder holds their number or text; the rest survives a restart", async () => {
    const number = '+39 333 987 6543';
    const text = 'Il mio permesso scade il 12 marzo';
    const engine = await startEmbeddedMongo({ dataDir, eraseCompactionMs: 200 });
    try {
      const client = await MongoClient.connect(engine.uri, { serverSelectionTimeoutMS: 5000 });
      const db = client.db('app');
      await db.collection('contacts').insertMany([{ _id: 'erased' as never, number, name: 'Citizen A' }, { _id: 'kept' as never, number: '+39 000', name: 'Citizen B' }]);
      await db.collection('messages').insertOne({ contactId: 'erased', text });
      expect(filesHolding(dataDir, text)).to.not.deep.equal([]);

      await db.collection('messages').deleteMany({ contactId: 'erased' });
      await db.collection('contacts').deleteOne({ _id: 'erased' as never });
      // The event: the compaction has rewritten the folder (bounded by eraseCompactionMs plus the snapshot's write).
      await until(() => filesHolding(dataDir, number).length === 0 && filesHolding(dataDir, text).length === 0, 'the compaction after the erasure');
      await client.close();
    } finally {
      await engine.stop();
    }

    expect(filesHolding(dataDir, number)).to.deep.equal([]);
    expect(filesHolding(dataDir, text)).to.deep.equal([]);
    expect(filesHolding(dataDir, 'Citizen B')).to.not.deep.equal([]);
    const restarted = await startEmbeddedMongo({ dataDir });
    try {
      const client = await MongoClient.connect(restarted.uri, { serverSelectionTimeoutMS: 5000 });
      expect(await client.db('app').collection('contacts').find().toArray()).to.deep.equal([{ _id: 'kept', number: '+39 000', name: 'Citizen B' }]);
      expect(await client.db('app').collection('messages').countDocuments()).to.equal(0);
      await client.close();
    } finally {
      await restarted.stop();
    }
  });

  it('a delete just before stop (compaction not yet due): stop compacts, so the folder holds nothing of it afterwards', async () => {
    const text = 'testo da cancellare prima dello stop';
    const engine = await startEmbeddedMongo({ dataDir, eraseCompactionMs: 60 * 60 * 1000 });
    try {
      const client = await MongoClient.connect(engine.uri, { serverSelectionTimeoutMS: 5000 });
      await client.db('app').collection('messages').insertOne({ _id: 1 as never, text });
      await client.db('app').collection('messages').deleteOne({ _id: 1 as never });
      expect(filesHolding(dataDir, text)).to.not.deep.equal([]);
      await client.close();
    } finally {
      await engine.stop();
    }

    expect(filesHolding(dataDir, text)).to.deep.equal([]);
  });
});
