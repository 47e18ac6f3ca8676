import { expect } from 'chai';
import mongoose, { type Connection } from 'mongoose';
import { DeliveryLedger } from '../../../src/dispatch/delivery-ledger.js';
import { DeliveryQueues } from '../../../src/dispatch/delivery-queues.js';
import { FanOutService } from '../../../src/dispatch/fan-out.service.js';
import type { DispatchAccount } from '../../../src/dispatch/dispatch-account.js';
import type { SendableAnnouncement } from '../../../src/dispatch/sendable-announcement.port.js';
import type { Target } from '../../../src/dispatch/target.js';
import { createInProcessQueueFactory } from '../../../src/platform/queue/in-process-queue.adapter.js';
import { silentLogger } from '../../support/silent-logger.js';
import { startTempEngine, type TempEngine } from '../embedded-mongo/temp-engine.js';

const account: DispatchAccount = { id: 'sim-a', channel: 'whatsapp', rateLimit: { minIntervalMs: 1000, dailyCap: 100 } };
const targets: Target[] = ['c-1', 'c-2'].map((chatId) => ({ key: `group:sim-a:${chatId}`, kind: 'group', account: 'sim-a', chatId, name: chatId, language: 'ar', topics: [] }));
const announcement: SendableAnnouncement = {
  id: 'ann-1',
  version: 1,
  priority: 'normal',
  topics: [],
  languages: ['it', 'ar'],
  approvedLanguages: ['it', 'ar'],
  render: () => ['testo'],
};

describe('fan-out: an enqueue that fails after the deliveries were written', () => {
  let temp: TempEngine;
  let db: Connection;

  before(async () => {
    temp = await startTempEngine();
    db = await mongoose.createConnection(`${temp.engine.uri}fanout`).asPromise();
  });
  after(async () => {
    await db.close();
    await temp.dispose();
  });

  it('Redis refuses the jobs: publishing fails and the deliveries are planned again; the next planning queues each once', async () => {
    const ledger = new DeliveryLedger(db);
    await ledger.init();
    const factory = createInProcessQueueFactory();
    const queues = new DeliveryQueues(factory, [account], { lockDurationMs: 30_000 });
    const queue = queues.forAccount('sim-a');
    const working = queue.enqueueMany.bind(queue);
    queue.enqueueMany = () => Promise.reject(new Error('Redis is down'));
    const fanOut = new FanOutService({ deliveries: ledger.planning, announcementDeliveries: ledger.announcements, targets: [{ matching: async function* () { yield targets; } }], queues, accounts: new Map([['sim-a', account]]), log: silentLogger });

    const failed = await fanOut.plan(announcement).then(() => undefined, (error: Error) => error);

    expect(failed?.message).to.equal('Redis is down');
    const written = await ledger.reports.list({ announcementId: 'ann-1' }, { limit: 10 });
    expect(written.map((d) => d.state)).to.deep.equal(['planned', 'planned']);

    queue.enqueueMany = working;
    await fanOut.plan(announcement);

    const requeued = await ledger.reports.list({ announcementId: 'ann-1' }, { limit: 10 });
    expect(requeued.map((d) => d.state)).to.deep.equal(['queued', 'queued']);
    expect((await queue.counts()).waiting).to.equal(2);
    await factory.close();
  });
});
