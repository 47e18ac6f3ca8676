import { expect } from 'chai';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { IntakeQueue, type SpooledMessage } from '../../../../src/inbox/intake/intake-queue.js';
import { startIntakeSpoolDrain } from '../../../../src/inbox/intake/intake-spool-drain.js';
import { createInProcessQueueFactory } from '../../../../src/platform/queue/in-process-queue.adapter.js';
import type { JobQueue, QueueFactory } from '../../../../src/platform/queue/job-queue.port.js';
import { FileSpool } from '../../../../src/platform/spool/file-spool.js';
import { buildInboundMessage } from '../../../factories/inbox.factory.js';
import { silentLogger } from '../../../support/silent-logger.js';
import { waitFor } from '../../../support/wait-for.js';

/** In-process queues whose enqueues wait, as ioredis holds them in memory, while `redisDown` is set. */
function queuesBehindRedis(): QueueFactory & { redisDown: boolean; refuse: boolean; refused: number; bringRedisBack(): void; enqueued: string[]; payloads: unknown[] } {
  const inner = createInProcessQueueFactory();
  let back: Array<() => void> = [];
  const factory = {
    redisDown: false,
    refuse: false,
    refused: 0,
    enqueued: [] as string[],
    payloads: [] as unknown[],
    queues: inner.queues,
    close: () => inner.close(),
    bringRedisBack() {
      factory.redisDown = false;
      for (const resume of back) resume();
      back = [];
    },
    queue<T>(name: string): JobQueue<T> {
      const queue = inner.queue<T>(name);
      const enqueue = queue.enqueue.bind(queue);
      queue.enqueue = async (data, options) => {
        if (factory.refuse) factory.refused += 1;
        if (factory.refuse) throw new Error('MISCONF Redis is configured to save RDB snapshots');
        if (factory.redisDown) await new Promise<void>((resume) => back.push(resume));
        factory.enqueued.push(options?.jobId ?? '');
        factory.payloads.push(data);
        await enqueue(data, options);
      };
      return queue;
    },
  };
  return factory;
}

describe('intake queue in front of Redis, with its spool', () => {
  let dir: string;
  let spool: FileSpool<SpooledMessage>;
  let queues: ReturnType<typeof queuesBehindRedis>;
  let intake: IntakeQueue;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sportello-intake-unit-'));
    spool = await FileSpool.open<SpooledMessage>(dir);
    queues = queuesBehindRedis();
    intake = new IntakeQueue(queues, spool, { retentionMs: 3600_000, log: silentLogger });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const spooledFiles = () => readdirSync(dir).filter((name) => name.endsWith('.json'));

  it('accept with Redis up: queued with only a reference to the spooled message, which stays on disk until stored', async () => {
    const message = buildInboundMessage({ platformMessageId: 'm1', text: 'il mio permesso scade', senderId: '393331234567@c.us' });

    const outcome = await intake.accept(message, 50);
    const whileQueued = spooledFiles();
    await intake.stored(queues.enqueued[0]!, 'stored');

    expect(outcome).to.equal('queued');
    expect(queues.payloads).to.deep.equal([{ spooled: queues.enqueued[0] }]);
    expect(JSON.stringify(queues.payloads)).not.to.match(/permesso|393331234567/);
    expect(whileQueued).to.deep.equal([`${queues.enqueued[0]}.json`]);
    expect(spooledFiles()).to.deep.equal([]);
  });

  it('accept with Redis down: answers spooled after the wait, keeps the message on disk until Redis takes it', async () => {
    queues.redisDown = true;

    const outcome = await intake.accept(buildInboundMessage({ platformMessageId: 'm1' }), 50);
    const whileDown = (await spool.list()).records;
    queues.bringRedisBack();
    await sleep(20);

    expect(outcome).to.equal('spooled');
    expect(whileDown.map((r) => r.record.platformMessageId)).to.deep.equal(['m1']);
    expect(queues.enqueued).to.have.length(1);
    expect(spooledFiles()).to.have.length(1);
  });

  it('requeueSpooled while an enqueue still waits for Redis: sends nothing twice', async () => {
    queues.redisDown = true;
    await intake.accept(buildInboundMessage({ platformMessageId: 'm1' }), 10);

    const spooled = await intake.requeueSpooled();
    await intake.requeueSpooled();
    queues.bringRedisBack();
    await sleep(20);

    expect(spooled).to.equal(1);
    expect(queues.enqueued).to.have.length(1);
  });

  it('Redis refusing the write: accept answers spooled at once; the next requeueSpooled, with Redis well, queues it', async () => {
    queues.refuse = true;

    // Waiting the full 10 minutes would time the test out: "at once" needs no clock here.
    const outcome = await intake.accept(buildInboundMessage({ platformMessageId: 'm1' }), 600_000);
    queues.refuse = false;
    await intake.requeueSpooled();
    await sleep(20);

    expect(outcome).to.equal('spooled');
    expect(queues.enqueued).to.have.length(1);
  });

  it('a process that stopped with messages spooled: a new one on the same folder queues them', async () => {
    queues.redisDown = true;
    await intake.accept(buildInboundMessage({ platformMessageId: 'm1' }), 10);
    await intake.accept(buildInboundMessage({ platformMessageId: 'm2' }), 10);

    const nextQueues = queuesBehindRedis();
    const next = new IntakeQueue(nextQueues, await FileSpool.open<SpooledMessage>(dir), { retentionMs: 3600_000, log: silentLogger });
    await next.requeueSpooled();
    await sleep(20);

    expect(nextQueues.enqueued).to.have.length(2);
    expect(next.queue.name).to.equal(intake.queue.name);
  });

  it('the drain, with Redis refusing at first: queues the spooled message on a later pass, about a second on', async () => {
    queues.refuse = true;
    await intake.accept(buildInboundMessage({ platformMessageId: 'm1' }), 10);
    const drain = startIntakeSpoolDrain(intake, silentLogger);
    try {
      // Refused by the accept, then by the drain's first pass.
      await waitFor(() => (queues.refused >= 2 ? true : undefined), 'the drain\'s first pass');
      const afterFirstPass = queues.enqueued.length;
      queues.refuse = false;
      await waitFor(() => (queues.enqueued.length > 0 ? true : undefined), 'a later pass to queue the message', 5000);

      expect(afterFirstPass).to.equal(0);
      expect(queues.enqueued.length).to.be.at.least(1);
    } finally {
      await drain.stop();
    }
  });
});
