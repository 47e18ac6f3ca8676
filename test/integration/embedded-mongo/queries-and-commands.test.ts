import { expect } from 'chai';
import { Binary, MongoClient, MongoServerError, type Collection, type Document } from 'mongodb';
import { startTempEngine, type TempEngine } from './temp-engine.js';

type Doc = { _id: number } & Document;

/** Projections, query operators, collation and the commands an application or its tools send, through the real driver. */
describe('embedded engine: projections, query operators, collation and commands, as MongoDB 7 answers them', () => {
  let temp: TempEngine;
  let client: MongoClient;
  let n = 0;

  before(async () => {
    temp = await startTempEngine();
    client = await MongoClient.connect(temp.engine.uri, { serverSelectionTimeoutMS: 5000 });
  });

  after(async () => {
    await client.close();
    await temp.dispose();
  });

  async function collectionWith(...docs: Doc[]): Promise<Collection<Doc>> {
    n += 1;
    const coll = client.db('queries').collection<Doc>(`c${n}`);
    if (docs.length > 0) await coll.insertMany(docs);
    return coll;
  }

  const refusal = (promise: Promise<unknown>): Promise<MongoServerError> =>
    promise.then(
      () => expect.fail('the command was accepted'),
      (error: unknown) => error as MongoServerError,
    );

  const post = (): Doc => ({ _id: 1, title: 't', nums: [4, 5, 6], comments: [{ by: 'a', n: 1 }, { by: 'b', n: 2 }, { by: 'b', n: 3 }] });

  describe('projections', () => {
    it("positional { 'comments.$': 1 }: _id and the first element the filter matched", async () => {
      const coll = await collectionWith(post());

      const found = await coll.findOne({ 'comments.by': 'b' }, { projection: { 'comments.$': 1 } });

      expect(found).to.deep.equal({ _id: 1, comments: [{ by: 'b', n: 2 }] });
    });

    it('$slice alone: every field kept, the array cut', async () => {
      const coll = await collectionWith(post());

      const found = await coll.findOne({ _id: 1 }, { projection: { nums: { $slice: 2 } } });

      expect(found).to.deep.equal({ ...post(), nums: [4, 5] });
    });

    it('$slice [skip, limit] next to an exclusion: the excluded field gone, the array cut', async () => {
      const coll = await collectionWith(post());

      const found = await coll.findOne({ _id: 1 }, { projection: { comments: { $slice: [1, 1] }, title: 0 } });

      expect(found).to.deep.equal({ _id: 1, nums: [4, 5, 6], comments: [{ by: 'b', n: 2 }] });
    });

    it('$slice next to an inclusion: only the included fields, the array cut from the end', async () => {
      const coll = await collectionWith(post());

      const found = await coll.findOne({ _id: 1 }, { projection: { title: 1, nums: { $slice: -1 } } });

      expect(found).to.deep.equal({ _id: 1, title: 't', nums: [6] });
    });

    it('$elemMatch with only an operator inside: _id and the first element it matches', async () => {
      const coll = await collectionWith(post());

      const found = await coll.findOne({ _id: 1 }, { projection: { nums: { $elemMatch: { $in: [5, 6] } } } });

      expect(found).to.deep.equal({ _id: 1, nums: [5] });
    });

    it('$elemMatch on subdocuments through findOneAndUpdate: the projection applies to the returned document', async () => {
      const coll = await collectionWith(post());

      const found = await coll.findOneAndUpdate({ _id: 1 }, { $set: { title: 'u' } }, { projection: { comments: { $elemMatch: { by: 'b' } } }, returnDocument: 'after' });

      expect(found).to.deep.equal({ _id: 1, comments: [{ by: 'b', n: 2 }] });
    });
  });

  describe('query operators', () => {
    it('$all on a field holding a plain value: matches as MongoDB does (the value equals each listed one)', async () => {
      const coll = await collectionWith({ _id: 1, tag: 'a' }, { _id: 2, tag: ['a', 'b'] }, { _id: 3, tag: 'b' });

      const found = await coll.find({ tag: { $all: ['a'] } }).sort({ _id: 1 }).toArray();
      const both = await coll.find({ tag: { $all: ['a', 'b'] } }).toArray();

      expect(found.map((doc) => doc._id)).to.deep.equal([1, 2]);
      expect(both.map((doc) => doc._id)).to.deep.equal([2]);
    });

    it('BinData ranges: ordered by length, then subtype, then bytes', async () => {
      const bin = (...bytes: number[]): Binary => new Binary(Buffer.from(bytes));
      const coll = await collectionWith({ _id: 1, b: bin(2) }, { _id: 2, b: bin(1, 1) }, { _id: 3, b: bin(1, 2) }, { _id: 4, b: bin(0, 0, 0) });

      const above = await coll.find({ b: { $gt: bin(1, 1) } }).sort({ _id: 1 }).toArray();
      const below = await coll.find({ b: { $lt: bin(1, 1) } }).sort({ _id: 1 }).toArray();

      expect(above.map((doc) => doc._id)).to.deep.equal([3, 4]);
      expect(below.map((doc) => doc._id)).to.deep.equal([1]);
    });

    it('let variables read by $expr in find, update and delete', async () => {
      const coll = await collectionWith({ _id: 1, name: 'a' }, { _id: 2, name: 'b' });

      const found = await coll.find({ $expr: { $eq: ['$name', '$$wanted'] } }, { let: { wanted: 'b' } }).toArray();
      await coll.updateOne({ $expr: { $eq: ['$_id', '$$id'] } }, [{ $set: { label: '$$label' } }], { let: { id: 1, label: { $literal: '$x' } } });
      const deleted = await coll.deleteMany({ $expr: { $eq: ['$name', '$$gone'] } }, { let: { gone: 'b' } });

      expect(found.map((doc) => doc._id)).to.deep.equal([2]);
      expect(await coll.findOne({ _id: 1 })).to.deep.equal({ _id: 1, name: 'a', label: '$x' });
      expect(deleted.deletedCount).to.equal(1);
    });
  });

  describe('collation: refused with a clear error rather than ignored', () => {
    const refusedCollation = (error: MongoServerError): void => {
      expect(error.code).to.equal(238);
      expect(error.message).to.contain('collation');
    };

    it('find, aggregate, count and an update statement with a locale collation: refused', async () => {
      const coll = await collectionWith({ _id: 1, name: 'Amina' });

      refusedCollation(await refusal(coll.find({ name: 'amina' }, { collation: { locale: 'it', strength: 2 } }).toArray()));
      refusedCollation(await refusal(coll.aggregate([{ $match: { name: 'amina' } }], { collation: { locale: 'it' } }).toArray()));
      refusedCollation(await refusal(coll.countDocuments({ name: 'amina' }, { collation: { locale: 'it' } })));
      refusedCollation(await refusal(coll.updateOne({ name: 'amina' }, { $set: { seen: true } }, { collation: { locale: 'it' } })));
      expect(await coll.findOne({ _id: 1 })).to.deep.equal({ _id: 1, name: 'Amina' });
    });

    it('a collection default and an index with a collation: refused, nothing created', async () => {
      const db = client.db('queries');

      refusedCollation(await refusal(db.createCollection('with-collation', { collation: { locale: 'it' } })));
      const coll = await collectionWith({ _id: 1, name: 'a' });
      refusedCollation(await refusal(coll.createIndex({ name: 1 }, { collation: { locale: 'it' } })));

      expect((await db.listCollections({ name: 'with-collation' }).toArray()).length).to.equal(0);
      expect((await coll.listIndexes().toArray()).map((index) => index['name'])).to.deep.equal(['_id_']);
    });

    it("{ locale: 'simple' } (byte comparison, what the engine does): accepted", async () => {
      const coll = await collectionWith({ _id: 1, name: 'a' });

      const found = await coll.find({ name: 'a' }, { collation: { locale: 'simple' } }).toArray();

      expect(found).to.have.length(1);
    });
  });

  describe('commands', () => {
    it('explain of a find: the index the planner reads, and how many documents it returns', async () => {
      const coll = await collectionWith({ _id: 1, state: 'queued' }, { _id: 2, state: 'sent' }, { _id: 3, state: 'queued' });
      await coll.createIndex({ state: 1 });

      const indexed = await coll.find({ state: 'queued' }).explain('executionStats');
      const scanned = await coll.find({ other: 1 }).explain('queryPlanner');

      expect(indexed['queryPlanner'].winningPlan.inputStage).to.include({ stage: 'IXSCAN', indexName: 'state_1' });
      expect(indexed['executionStats'].nReturned).to.equal(2);
      expect(scanned['queryPlanner'].winningPlan.stage).to.equal('COLLSCAN');
    });

    it("collMod of a TTL index's expireAfterSeconds: changed, as listIndexes then says", async () => {
      const coll = await collectionWith({ _id: 1 });
      await coll.createIndex({ at: 1 }, { expireAfterSeconds: 3600 });

      const reply = await client.db('queries').command({ collMod: coll.collectionName, index: { keyPattern: { at: 1 }, expireAfterSeconds: 60 } });

      expect(reply).to.include({ expireAfterSeconds_old: 3600, expireAfterSeconds_new: 60 });
      const index = (await coll.listIndexes().toArray()).find((spec) => spec['name'] === 'at_1');
      expect(index!['expireAfterSeconds']).to.equal(60);
    });

    it('collMod with a validator: refused (document validation is not implemented), not stored and ignored', async () => {
      const coll = await collectionWith({ _id: 1 });

      const error = await refusal(client.db('queries').command({ collMod: coll.collectionName, validator: { x: { $type: 'string' } } }));

      expect(error.code).to.equal(238);
    });

    it('an unknown aggregation stage: Location40324, as MongoDB names it', async () => {
      const coll = await collectionWith({ _id: 1 });

      const error = await refusal(coll.aggregate([{ $nope: {} }]).toArray());

      expect(error.code).to.equal(40324);
      expect(error.message).to.contain("Unrecognized pipeline stage name: '$nope'");
    });
  });
});
