import { expect } from 'chai';
import mongoose, { Schema } from 'mongoose';
import { MongoClient, MongoServerError, type Collection, type Document } from 'mongodb';
import { startTempEngine, type TempEngine } from './temp-engine.js';

type Doc = { _id: number } & Document;

/** Each update form an Express + mongoose application sends every day, through the real driver (and mongoose where it is mongoose's own). */
describe('embedded engine: the update forms an application meets, as MongoDB 7 answers them', () => {
  let temp: TempEngine;
  let client: MongoClient;
  let connection: mongoose.Connection;
  let n = 0;

  before(async () => {
    temp = await startTempEngine();
    client = await MongoClient.connect(temp.engine.uri, { serverSelectionTimeoutMS: 5000 });
    connection = await mongoose.createConnection(`${temp.engine.uri}update-forms`, { serverSelectionTimeoutMS: 5000 }).asPromise();
  });

  after(async () => {
    await connection.close();
    await client.close();
    await temp.dispose();
  });

  /** A fresh collection holding `docs`, so each test builds what it asserts on. */
  async function collectionWith(...docs: Doc[]): Promise<Collection<Doc>> {
    n += 1;
    const coll = client.db('update-forms').collection<Doc>(`c${n}`);
    if (docs.length > 0) await coll.insertMany(docs);
    return coll;
  }

  const refusal = (promise: Promise<unknown>): Promise<MongoServerError> =>
    promise.then(
      () => expect.fail('the update was accepted'),
      (error: unknown) => error as MongoServerError,
    );

  describe('positional $', () => {
    it('$set nums.$ with the array in the filter: the matched element changes, the others stay', async () => {
      const coll = await collectionWith({ _id: 1, nums: [4, 5, 6] });

      const result = await coll.updateOne({ nums: 5 }, { $set: { 'nums.$': 50 } });

      expect(result.modifiedCount).to.equal(1);
      expect(await coll.findOne({ _id: 1 })).to.deep.equal({ _id: 1, nums: [4, 50, 6] });
    });

    it('$set items.$.qty with a dotted filter on the array: the field of the first matching element changes', async () => {
      const coll = await collectionWith({ _id: 1, items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }, { sku: 'b', qty: 3 }] });

      await coll.updateOne({ 'items.sku': 'b' }, { $set: { 'items.$.qty': 20 } });

      expect((await coll.findOne({ _id: 1 }))!['items']).to.deep.equal([{ sku: 'a', qty: 1 }, { sku: 'b', qty: 20 }, { sku: 'b', qty: 3 }]);
    });
  });

  describe('_id in the update', () => {
    it('$set of _id to the value it has: accepted, the other fields change', async () => {
      const coll = await collectionWith({ _id: 1, name: 'a' });

      const result = await coll.updateOne({ _id: 1 }, { $set: { _id: 1, name: 'b' } });

      expect(result.modifiedCount).to.equal(1);
      expect(await coll.findOne({ _id: 1 })).to.deep.equal({ _id: 1, name: 'b' });
    });

    it('$set of _id to another value: refused with ImmutableField (66), the document as it was', async () => {
      const coll = await collectionWith({ _id: 1, name: 'a' });

      const error = await refusal(coll.updateOne({ _id: 1 }, { $set: { _id: 2, name: 'b' } }));

      expect(error.code).to.equal(66);
      expect(await coll.findOne({ _id: 1 })).to.deep.equal({ _id: 1, name: 'a' });
    });

    it('mongoose findByIdAndUpdate with the whole body, _id included: the document updated', async () => {
      const Person = connection.model('PersonWithBody', new Schema({ name: String, city: String }));
      const created = await Person.create({ name: 'Amina', city: 'Prato' });
      const body = { ...created.toObject(), city: 'Firenze' };

      const updated = await Person.findByIdAndUpdate(created._id, body, { new: true });

      expect(updated?.city).to.equal('Firenze');
      expect((await Person.findById(created._id))?.city).to.equal('Firenze');
    });
  });

  describe('$pull with $or', () => {
    it('driver: the subdocuments matching either clause removed, the others kept', async () => {
      const coll = await collectionWith({ _id: 1, arr: [{ a: 1, b: 1 }, { a: 2, b: 2 }, { a: 3, b: 3 }] });

      const result = await coll.updateOne({ _id: 1 }, { $pull: { arr: { $or: [{ a: 1 }, { b: 3 }] } } } as Document);

      expect(result.modifiedCount).to.equal(1);
      expect((await coll.findOne({ _id: 1 }))!['arr']).to.deep.equal([{ a: 2, b: 2 }]);
    });

    it('mongoose doc.arr.pull(x) on subdocuments without _id, then save: the subdocument gone from the stored document', async () => {
      const Order = connection.model('OrderWithLines', new Schema({ lines: [new Schema({ sku: String, qty: Number }, { _id: false })] }));
      const order = await Order.create({ lines: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }] });

      order.lines.pull(order.lines[0]);
      await order.save();

      const stored = await client.db('update-forms').collection('orderwithlines').findOne({ _id: order._id });
      expect(stored!['lines']).to.deep.equal([{ sku: 'b', qty: 2 }]);
    });
  });

  describe('two arr.$[] paths in one $set', () => {
    it('driver: both fields set on every element', async () => {
      const coll = await collectionWith({ _id: 1, kids: [{ x: 1 }, { x: 2 }] });

      await coll.updateOne({ _id: 1 }, { $set: { 'kids.$[].y': 1, 'kids.$[].z': 2 } });

      expect((await coll.findOne({ _id: 1 }))!['kids']).to.deep.equal([{ x: 1, y: 1, z: 2 }, { x: 2, y: 1, z: 2 }]);
    });

    it('a real conflict (kids and kids.$[].y): refused with ConflictingUpdateOperators (40)', async () => {
      const coll = await collectionWith({ _id: 1, kids: [{ x: 1 }] });

      const error = await refusal(coll.updateOne({ _id: 1 }, { $set: { kids: [], 'kids.$[].y': 1 } }));

      expect(error.code).to.equal(40);
    });

    it('mongoose timestamps on a child schema, updateOne of the parent: updatedAt set on every child', async () => {
      const child = new Schema({ label: String }, { timestamps: true });
      const Parent = connection.model('ParentWithStampedChildren', new Schema({ children: [child] }, { timestamps: true }));
      const parent = await Parent.create({ children: [{ label: 'a' }, { label: 'b' }] });

      await Parent.updateOne({ _id: parent._id }, { $set: { 'children.$[].label': 'c' } });

      const stored = await Parent.findById(parent._id).lean();
      expect(stored!.children.map((c) => c.label)).to.deep.equal(['c', 'c']);
      expect(stored!.children.every((c) => (c as { updatedAt?: Date }).updatedAt instanceof Date)).to.equal(true);
    });
  });

  describe('invalid updates refused as MongoDB refuses them', () => {
    it('$push onto a number: BadValue (2), the number kept', async () => {
      const coll = await collectionWith({ _id: 1, n: 3 });

      const error = await refusal(coll.updateOne({ _id: 1 }, { $push: { n: 1 } } as Document));

      expect(error.code).to.equal(2);
      expect(error.message).to.contain("The field 'n' must be an array but is of type int");
      expect(await coll.findOne({ _id: 1 })).to.deep.equal({ _id: 1, n: 3 });
    });

    it("$set 'arr.f' on an array: PathNotViable (28), the array kept", async () => {
      const coll = await collectionWith({ _id: 1, arr: [1, 2] });

      const error = await refusal(coll.updateOne({ _id: 1 }, { $set: { 'arr.f': 1 } }));

      expect(error.code).to.equal(28);
      expect(await coll.findOne({ _id: 1 })).to.deep.equal({ _id: 1, arr: [1, 2] });
    });

    it('$inc on a string: TypeMismatch (14), the string kept', async () => {
      const coll = await collectionWith({ _id: 1, s: 'x' });

      const error = await refusal(coll.updateOne({ _id: 1 }, { $inc: { s: 1 } } as Document));

      expect(error.code).to.equal(14);
      expect(await coll.findOne({ _id: 1 })).to.deep.equal({ _id: 1, s: 'x' });
    });

    it('$inc by a string: TypeMismatch (14)', async () => {
      const coll = await collectionWith({ _id: 1, n: 1 });

      const error = await refusal(coll.updateOne({ _id: 1 }, { $inc: { n: 'one' } } as Document));

      expect(error.code).to.equal(14);
    });
  });

  describe('pipeline updates through every write path', () => {
    const original = (): Doc[] => [
      { _id: 1, x: 1, y: 2, t: { u: 5 } },
      { _id: 2, x: 10, y: 20, t: { u: 50 } },
    ];

    it('update, multi: false ($set with an expression): the first matching document changes', async () => {
      const coll = await collectionWith(...original());

      const result = await coll.updateOne({ _id: 1 }, [{ $set: { sum: { $add: ['$x', '$y'] } } }]);

      expect(result.modifiedCount).to.equal(1);
      expect(await coll.findOne({ _id: 1 })).to.deep.equal({ _id: 1, x: 1, y: 2, t: { u: 5 }, sum: 3 });
    });

    it('update, multi: true ($set with an expression): every matching document changes', async () => {
      const coll = await collectionWith(...original());

      const result = await coll.updateMany({}, [{ $set: { sum: { $add: ['$x', '$y'] } } }]);

      expect(result.modifiedCount).to.equal(2);
      expect((await coll.find().sort({ _id: 1 }).toArray()).map((doc) => doc['sum'])).to.deep.equal([3, 30]);
    });

    it('update, multi: false, $replaceRoot to a subdocument without _id: _id kept as it was', async () => {
      const coll = await collectionWith(...original());

      await coll.updateOne({ _id: 1 }, [{ $replaceRoot: { newRoot: '$t' } }, { $addFields: { foo: 1 } }]);

      expect(await coll.findOne({ _id: 1 })).to.deep.equal({ _id: 1, u: 5, foo: 1 });
    });

    it('update, multi: true, $replaceWith without _id: each _id kept', async () => {
      const coll = await collectionWith(...original());

      await coll.updateMany({}, [{ $replaceWith: { total: { $add: ['$x', '$y'] } } }]);

      expect(await coll.find().sort({ _id: 1 }).toArray()).to.deep.equal([{ _id: 1, total: 3 }, { _id: 2, total: 30 }]);
    });

    it('findAndModify ($project and $unset): the new document returned, _id kept', async () => {
      const coll = await collectionWith(...original());

      const after = await coll.findOneAndUpdate({ _id: 2 }, [{ $project: { x: 1, y: 1 } }, { $unset: 'y' }], { returnDocument: 'after' });

      expect(after).to.deep.equal({ _id: 2, x: 10 });
      expect(await coll.findOne({ _id: 2 })).to.deep.equal({ _id: 2, x: 10 });
    });

    it('bulkWrite with an updateOne and an updateMany whose updates are pipelines: both applied', async () => {
      const coll = await collectionWith(...original());

      const result = await coll.bulkWrite([
        { updateOne: { filter: { _id: 1 }, update: [{ $replaceWith: { moved: '$x' } }] } },
        { updateMany: { filter: {}, update: [{ $set: { seen: true } }] } },
      ]);

      expect(result.modifiedCount).to.equal(3);
      expect(await coll.find().sort({ _id: 1 }).toArray()).to.deep.equal([
        { _id: 1, moved: 1, seen: true },
        { _id: 2, x: 10, y: 20, t: { u: 50 }, seen: true },
      ]);
    });

    it('a pipeline that sets a different _id: refused with ImmutableField (66)', async () => {
      const coll = await collectionWith(...original());

      const error = await refusal(coll.updateOne({ _id: 1 }, [{ $set: { _id: 99 } }]));

      expect(error.code).to.equal(66);
      expect(await coll.findOne({ _id: 1 })).to.deep.equal(original()[0]);
    });
  });

  it('a write carrying writeConcern { w: 1, wtimeout }: accepted and acknowledged as MongoDB does', async () => {
    const coll = await collectionWith();

    const reply = await client.db('update-forms').command({ insert: coll.collectionName, documents: [{ _id: 1 }], writeConcern: { w: 1, wtimeout: 100 } });

    expect(reply).to.include({ n: 1, ok: 1 });
    expect(reply['writeConcernError']).to.equal(undefined);
    expect(await coll.countDocuments()).to.equal(1);
  });
});
