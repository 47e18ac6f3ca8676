import { expect } from 'chai';
import mongoose, { Schema } from 'mongoose';
import { startTempEngine, type TempEngine } from './temp-engine.js';

describe('embedded-mongo through real mongoose', () => {
  let temp: TempEngine;
  let connection: mongoose.Connection;

  before(async () => {
    temp = await startTempEngine();
    connection = await mongoose.createConnection(`${temp.engine.uri}sportello-test`, { serverSelectionTimeoutMS: 5000 }).asPromise();
  });

  after(async () => {
    await connection.close();
    await temp.dispose();
  });

  const contactSchema = new Schema({ email: { type: String, unique: true }, name: String, visits: Number }, { timestamps: true });
  const membershipSchema = new Schema({ group: String, user: String, role: String });
  membershipSchema.index({ group: 1, user: 1 }, { unique: true });

  it('unique index, second document with the same email, rejects with E11000 naming the key', async () => {
    const Contact = connection.model('Contact', contactSchema);
    await Contact.init();
    await Contact.create({ email: 'amina@example.org', name: 'Amina' });

    const error = await Contact.create({ email: 'amina@example.org', name: 'Other' }).then(() => null, (e: unknown) => e);

    expect(error).to.be.instanceOf(mongoose.mongo.MongoServerError);
    expect((error as mongoose.mongo.MongoServerError).code).to.equal(11000);
    expect((error as mongoose.mongo.MongoServerError).keyValue).to.deep.equal({ email: 'amina@example.org' });
    expect(await Contact.countDocuments({ email: 'amina@example.org' })).to.equal(1);
  });

  it('compound unique index, same pair twice, rejects while a different pair is accepted', async () => {
    const Membership = connection.model('Membership', membershipSchema);
    await Membership.init();
    await Membership.create({ group: 'g1', user: 'u1', role: 'member' });
    await Membership.create({ group: 'g1', user: 'u2', role: 'member' });

    const error = await Membership.create({ group: 'g1', user: 'u1', role: 'admin' }).then(() => null, (e: unknown) => e);

    expect((error as mongoose.mongo.MongoServerError).code).to.equal(11000);
    expect((error as mongoose.mongo.MongoServerError).keyPattern).to.deep.equal({ group: 1, user: 1 });
    expect(await Membership.countDocuments({ group: 'g1' })).to.equal(2);
  });

  it('findOneAndUpdate with upsert, no match, inserts from the filter and $setOnInsert', async () => {
    const Contact = connection.model('Contact', contactSchema);

    const created = await Contact.findOneAndUpdate(
      { email: 'new@example.org' },
      { $set: { name: 'New' }, $setOnInsert: { visits: 0 } },
      { upsert: true, new: true },
    );
    const updated = await Contact.findOneAndUpdate({ email: 'new@example.org' }, { $inc: { visits: 1 }, $setOnInsert: { name: 'ignored' } }, { new: true });

    expect(created?.email).to.equal('new@example.org');
    expect(created?.visits).to.equal(0);
    expect(updated?.visits).to.equal(1);
    expect(updated?.name).to.equal('New');
  });

  it('cursor over thousands of documents, read in batches, yields every document once', async () => {
    const Reading = connection.model('Reading', new Schema({ seq: Number }));
    await Reading.insertMany(Array.from({ length: 5000 }, (_, seq) => ({ seq })));

    const seen = new Set<number>();
    for await (const reading of Reading.find().sort({ seq: 1 }).cursor({ batchSize: 300 })) seen.add(reading.seq as number);

    expect(seen.size).to.equal(5000);
    expect(await Reading.countDocuments({ seq: { $gte: 4000 } })).to.equal(1000);
  });

  it('aggregate with $group and $lookup, over two collections, joins and sums', async () => {
    const Order = connection.model('Order', new Schema({ customer: String, total: Number }));
    const Customer = connection.model('Customer', new Schema({ code: String, city: String }));
    await Customer.create([{ code: 'c1', city: 'Prato' }, { code: 'c2', city: 'Firenze' }]);
    await Order.create([{ customer: 'c1', total: 10 }, { customer: 'c1', total: 5 }, { customer: 'c2', total: 7 }]);

    const rows = await Order.aggregate<{ _id: string; sum: number; city: string }>([
      { $group: { _id: '$customer', sum: { $sum: '$total' } } },
      { $lookup: { from: 'customers', localField: '_id', foreignField: 'code', as: 'c' } },
      { $project: { sum: 1, city: { $first: '$c.city' } } },
      { $sort: { _id: 1 } },
    ]);

    expect(rows).to.deep.equal([{ _id: 'c1', sum: 15, city: 'Prato' }, { _id: 'c2', sum: 7, city: 'Firenze' }]);
  });
});
