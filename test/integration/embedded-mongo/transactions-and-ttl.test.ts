import { expect } from 'chai';
import mongoose, { Schema } from 'mongoose';
import { startTempEngine, type TempEngine } from './temp-engine.js';

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

describe('embedded-mongo transactions and TTL through mongoose', () => {
  let temp: TempEngine;
  let connection: mongoose.Connection;

  before(async () => {
    temp = await startTempEngine();
    connection = await mongoose.createConnection(`${temp.engine.uri}sportello-tx`, { serverSelectionTimeoutMS: 5000 }).asPromise();
  });

  after(async () => {
    await connection.close();
    await temp.dispose();
  });

  const ticketSchema = new Schema({ code: { type: String, unique: true }, state: String });
  const Ticket = () => connection.model('Ticket', ticketSchema);

  it('transaction, aborted by an error after two writes, leaves nothing behind', async () => {
    const Tickets = Ticket();
    await Tickets.init();
    const session = await connection.startSession();

    const error = await session
      .withTransaction(async () => {
        await Tickets.create([{ code: 'T1', state: 'open' }], { session });
        await Tickets.updateOne({ code: 'T1' }, { state: 'closed' }, { session });
        throw new Error('operator cancelled');
      })
      .then(() => null, (e: unknown) => e);
    await session.endSession();

    expect((error as Error).message).to.equal('operator cancelled');
    expect(await Tickets.countDocuments({ code: 'T1' })).to.equal(0);
  });

  it('transaction, committed, makes every write visible at once and none before', async () => {
    const Tickets = Ticket();
    const session = await connection.startSession();
    session.startTransaction();
    await Tickets.create([{ code: 'T2', state: 'open' }, { code: 'T3', state: 'open' }], { session, ordered: true });

    const seenOutside = await Tickets.countDocuments({ code: { $in: ['T2', 'T3'] } });
    const seenInside = await Tickets.countDocuments({ code: { $in: ['T2', 'T3'] } }).session(session);
    await session.commitTransaction();
    await session.endSession();

    expect(seenOutside).to.equal(0);
    expect(seenInside).to.equal(2);
    expect(await Tickets.countDocuments({ code: { $in: ['T2', 'T3'] } })).to.equal(2);
  });

  it('TTL index, document past its expiry, is deleted by the background sweep', async () => {
    const Visit = connection.model('Visit', new Schema({ at: Date, who: String }));
    await Visit.collection.createIndex({ at: 1 }, { expireAfterSeconds: 60 });
    await Visit.create([{ at: new Date(Date.now() - 120_000), who: 'old' }, { at: new Date(), who: 'fresh' }]);

    const expired = await eventually(async () => (await Visit.countDocuments({ who: 'old' })) === 0, 10_000);

    expect(expired).to.equal(true);
    expect(await Visit.countDocuments({ who: 'fresh' })).to.equal(1);
  });
});
