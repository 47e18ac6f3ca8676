import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBullQueueFactory } from '../../../src/platform/queue/bull-queue.adapter.js';
import { startPrivateRedis, type PrivateRedis } from '../../../src/platform/redis/private-redis-server.js';

describe('bull queue factory on a private redis-server', () => {
  let redis: PrivateRedis;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sportello-redis-'));
    redis = await startPrivateRedis({ dataDir: dir, ephemeral: true });
  });
  after(async () => {
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('close() while a job is in flight: the job finishes before close resolves', async () => {
    const queues = createBullQueueFactory({ redisUrl: redis.url, prefix: 'drain-test' });
    const queue = queues.queue<{ n: number }>('slow');
    const finished: number[] = [];
    let started!: () => void;
    const jobStarted = new Promise<void>((resolve) => (started = resolve));
    queue.process(async (data) => {
      started();
      await new Promise((r) => setTimeout(r, 300));
      finished.push(data.n);
    });

    await queue.enqueue({ n: 7 }, { jobId: 'job-7' });
    await jobStarted;
    await queues.close();

    expect(finished).to.deep.equal([7]);
  });

  it('enqueue twice with the same jobId: one job only', async () => {
    const queues = createBullQueueFactory({ redisUrl: redis.url, prefix: 'dedupe-test' });
    const queue = queues.queue<{ n: number }>('once');
    await queue.enqueue({ n: 1 }, { jobId: 'same', delayMs: 60_000 });
    await queue.enqueue({ n: 2 }, { jobId: 'same', delayMs: 60_000 });
    const counts = await queue.counts();
    await queues.close();
    expect(counts.delayed).to.equal(1);
  });
});
