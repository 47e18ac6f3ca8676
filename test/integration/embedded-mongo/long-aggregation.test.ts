import { expect } from 'chai';
import mongoose from 'mongoose';
import { startTempEngine, type TempEngine } from './temp-engine.js';

const { MongoClient } = mongoose.mongo;

describe('embedded-mongo long aggregation', function () {
  this.timeout(120_000);
  let temp: TempEngine;

  before(async () => {
    temp = await startTempEngine();
  });

  after(async () => {
    await temp.dispose();
  });

  it('heavy $sort and $group on one connection, pings on another keep answering while it runs', async () => {
    const heavy = await MongoClient.connect(`${temp.engine.uri}agg`);
    const pinger = await MongoClient.connect(`${temp.engine.uri}agg`);
    try {
      const deliveries = heavy.db('agg').collection('deliveries');
      for (let batch = 0; batch < 15; batch += 1) {
        await deliveries.insertMany(Array.from({ length: 10_000 }, (_, i) => {
          const n = batch * 10_000 + i;
          return { n, language: `l${n % 40}`, recipient: `r${(n * 7919) % 150_000}`, attempts: n % 7 };
        }));
      }
      const admin = pinger.db('admin');
      await admin.command({ ping: 1 });

      let running = true;
      const aggregation = deliveries
        .aggregate([
          { $sort: { recipient: 1 } },
          { $group: { _id: '$language', recipients: { $push: '$recipient' }, attempts: { $sum: '$attempts' } } },
          { $sort: { attempts: -1, _id: 1 } },
        ])
        .toArray()
        .finally(() => {
          running = false;
        });
      const latencies: number[] = [];
      while (running) {
        const sent = performance.now();
        await admin.command({ ping: 1 });
        latencies.push(performance.now() - sent);
      }
      const groups = await aggregation;

      expect(groups).to.have.length(40);
      expect((groups[0]!['recipients'] as unknown[]).length).to.equal(150_000 / 40);
      // Pings kept being answered while the aggregation ran: it does not hold the engine until it ends. How long
      // each waited is a speed figure for a benchmark, not a test (the machine running it may be busy).
      expect(latencies.length).to.be.greaterThan(5);
    } finally {
      await heavy.close();
      await pinger.close();
    }
  });
});
