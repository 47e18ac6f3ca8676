import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose, { Schema } from 'mongoose';
import { Double, Int32, Long, MongoClient, type Collection, type Document } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../src/embedded-mongo/index.js';

type Doc = { _id: number } & Document;

/** The BSON type of each field as the server sent it (the driver told not to turn numbers into JS numbers). */
function typesOf(doc: Document | null): Record<string, string> {
  return Object.fromEntries(Object.entries(doc ?? {}).map(([key, value]) => [key, (value as { _bsontype?: string })?._bsontype ?? typeof value]));
}

describe('embedded engine: numbers keep the BSON type they were sent as', function () {
  this.timeout(60_000);
  let dataDir: string;
  let engine: EmbeddedMongo;
  let client: MongoClient;
  let n = 0;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'engine-numbers-'));
    engine = await startEmbeddedMongo({ dataDir });
    client = await MongoClient.connect(engine.uri, { serverSelectionTimeoutMS: 5000 });
  });

  afterEach(async () => {
    await client.close();
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function collectionWith(...docs: Doc[]): Promise<Collection<Doc>> {
    n += 1;
    const coll = client.db('numbers').collection<Doc>(`c${n}`);
    if (docs.length > 0) await coll.insertMany(docs);
    return coll;
  }

  const raw = { promoteValues: false, promoteLongs: false } as const;
  const sample = (): Doc => ({ _id: 1, d: new Double(42), small: Long.fromNumber(5), big: Long.fromNumber(2 ** 40), i: new Int32(7), f: 1.5 });

  it('Double(42), Long(5), Long(2^40), Int32 and 1.5 inserted: found with the same types, and again after a restart', async () => {
    const coll = await collectionWith(sample());
    const expected = { _id: 'Int32', d: 'Double', small: 'Long', big: 'Long', i: 'Int32', f: 'Double' };

    expect(typesOf(await coll.findOne({ _id: 1 }, raw))).to.deep.equal(expected);

    await client.close();
    await engine.stop();
    engine = await startEmbeddedMongo({ dataDir });
    client = await MongoClient.connect(engine.uri, { serverSelectionTimeoutMS: 5000 });
    const reread = await client.db('numbers').collection<Doc>(coll.collectionName).findOne({ _id: 1 }, raw);
    expect(typesOf(reread)).to.deep.equal(expected);
    expect((reread!['big'] as Long).toNumber()).to.equal(2 ** 40);
  });

  it('$inc keeps the wider type: a double stays double, a long stays long, an int by a long becomes long, an int32 past 2^31 becomes long', async () => {
    const coll = await collectionWith({ _id: 1, d: new Double(42), l: Long.fromNumber(5), i: 1, max: 2 ** 31 - 1, untouched: new Double(3) });

    await coll.updateOne({ _id: 1 }, { $inc: { d: 1, l: 1, i: Long.fromNumber(1), max: 1 } } as Document);

    const found = await coll.findOne({ _id: 1 }, raw);
    expect(typesOf(found)).to.deep.include({ d: 'Double', l: 'Long', i: 'Long', max: 'Long', untouched: 'Double' });
    expect(await coll.findOne({ _id: 1 })).to.deep.equal({ _id: 1, d: 43, l: 6, i: 2, max: 2 ** 31, untouched: 3 });
  });

  it('$set of a Double and a Long, and of an int over a Double: each stored as the type sent', async () => {
    const coll = await collectionWith({ _id: 1, a: 1, b: new Double(2), c: 3 });

    await coll.updateOne({ _id: 1 }, { $set: { a: new Double(10), b: 20, c: Long.fromNumber(30), 'sub.x': new Double(1) } });

    const found = await coll.findOne({ _id: 1 }, raw);
    expect(typesOf(found)).to.deep.include({ a: 'Double', b: 'Int32', c: 'Long' });
    expect(typesOf(found!['sub'] as Document)).to.deep.equal({ x: 'Double' });
  });

  it('filters, sorts and aggregation compare typed numbers by value, as MongoDB does', async () => {
    const coll = await collectionWith({ _id: 1, v: new Double(42) }, { _id: 2, v: Long.fromNumber(7) }, { _id: 3, v: 10 });

    const equal = await coll.find({ v: 42 }).toArray();
    const above = await coll.find({ v: { $gt: 8 } }).sort({ v: 1 }).toArray();
    const [total] = await coll.aggregate<{ sum: number }>([{ $group: { _id: null, sum: { $sum: '$v' } } }]).toArray();

    expect(equal.map((doc) => doc._id)).to.deep.equal([1]);
    expect(above.map((doc) => doc._id)).to.deep.equal([3, 1]);
    expect(total!.sum).to.equal(59);
  });

  it("mongoose's Double and BigInt schema types: stored as double and long, read back as the values saved", async () => {
    const connection = await mongoose.createConnection(`${engine.uri}numbers-mongoose`, { serverSelectionTimeoutMS: 5000 }).asPromise();
    try {
      const Reading = connection.model('Reading', new Schema({ celsius: Schema.Types.Double, count: Schema.Types.BigInt }));
      const saved = await Reading.create({ celsius: 20, count: 5n });

      const stored = await client.db('numbers-mongoose').collection('readings').findOne({ _id: saved._id }, raw);
      const read = await Reading.findById(saved._id);

      expect(typesOf(stored)).to.deep.include({ celsius: 'Double', count: 'Long' });
      expect(Number(read!.celsius)).to.equal(20);
      expect(read!.count).to.equal(5n);
    } finally {
      await connection.close();
    }
  });
});
