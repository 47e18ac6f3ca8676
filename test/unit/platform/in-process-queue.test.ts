import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { createInProcessQueueFactory } from '../../../src/platform/queue/in-process-queue.adapter.js';
import { RetryJobLater } from '../../../src/platform/queue/job-queue.port.js';

async function until(probe: () => boolean, timeoutMs = 1000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(2);
  }
}

describe('in-process job queue', () => {
  it('the same jobId twice: runs once; with replaceFinished after it finished: runs again', async () => {
    const queue = createInProcessQueueFactory().queue<string>('q');
    const runs: string[] = [];
    queue.process(async (data) => void runs.push(data));

    await queue.enqueue('a', { jobId: 'j1' });
    await queue.enqueue('b', { jobId: 'j1' });
    await until(() => runs.length === 1);
    await queue.enqueue('c', { jobId: 'j1', replaceFinished: true });
    await until(() => runs.length === 2);

    expect(runs).to.deep.equal(['a', 'c']);
  });

  it('a delayed job enqueued again with replaceDelayed and a shorter delay: runs once, at the new time', async () => {
    const queue = createInProcessQueueFactory().queue<string>('q');
    const runs: string[] = [];
    queue.process(async (data) => void runs.push(data));

    await queue.enqueue('tomorrow', { jobId: 'j1', delayMs: 60_000 });
    await queue.enqueue('ignored', { jobId: 'j1', delayMs: 10 });
    await queue.enqueue('soon', { jobId: 'j1', delayMs: 10, replaceDelayed: true });
    await until(() => runs.length === 1);
    await sleep(30);

    expect(runs).to.deep.equal(['soon']);
    expect(await queue.counts()).to.include({ delayed: 0, completed: 1 });
    await queue.close();
  });

  it('waiting jobs: priority 1 runs before priority 5, whatever the order they were added in', async () => {
    const queue = createInProcessQueueFactory().queue<string>('q');
    await queue.enqueueMany([
      { data: 'normal-1', options: { priority: 5 } },
      { data: 'normal-2', options: { priority: 5 } },
      { data: 'urgent', options: { priority: 1 } },
    ]);
    const runs: string[] = [];
    queue.process(async (data) => void runs.push(data));

    await until(() => runs.length === 3);

    expect(runs[0]).to.equal('urgent');
  });

  it('RetryJobLater: the job runs again after its delay, however many times', async () => {
    const queue = createInProcessQueueFactory().queue<string>('q');
    const times: number[] = [];
    queue.process(async () => {
      times.push(Date.now());
      if (times.length < 3) throw new RetryJobLater(20, 'not yet');
    });

    await queue.enqueue('x');
    await until(() => times.length === 3);

    expect((times[1] ?? 0) - (times[0] ?? 0)).to.be.at.least(19);
    expect((await queue.counts()).completed).to.equal(1);
  });

  it('paused: jobs wait and count as paused; resumed: they run', async () => {
    const queue = createInProcessQueueFactory().queue<string>('q');
    const runs: string[] = [];
    await queue.pause();
    queue.process(async (data) => void runs.push(data));
    await queue.enqueue('x');
    await sleep(20);

    expect(runs).to.have.length(0);
    expect((await queue.counts()).paused).to.equal(1);
    await queue.resume();
    await until(() => runs.length === 1);
  });

  it('any other error: retried up to `attempts`, then failed', async () => {
    const queue = createInProcessQueueFactory().queue<string>('q');
    let runs = 0;
    queue.process(async () => {
      runs += 1;
      throw new Error('boom');
    });

    await queue.enqueue('x', { attempts: 2 });
    await sleep(30);

    expect(runs).to.equal(2);
    expect((await queue.counts()).failed).to.equal(1);
  });
});
