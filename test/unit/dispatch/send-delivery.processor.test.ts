import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { createInProcessQueueFactory } from '../../../src/platform/queue/in-process-queue.adapter.js';
import type { DeliverySender, SendResult } from '../../../src/dispatch/delivery-sender.service.js';
import type { SendDeliveryJob } from '../../../src/dispatch/delivery-queues.js';
import { registerSendDeliveryProcessor, SEND_DELIVERY_RETRY } from '../../../src/dispatch/processors/send-delivery.processor.js';

/** A sender that answers from a script and records what it was asked. */
function scriptedSender(answers: Array<SendResult | Error>): { sender: DeliverySender; calls: SendDeliveryJob[] } {
  const calls: SendDeliveryJob[] = [];
  const sender = {
    async send(job: SendDeliveryJob) {
      calls.push(job);
      const answer = answers.shift() ?? { kind: 'done' };
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as DeliverySender;
  return { sender, calls };
}

describe('send-delivery processor', () => {
  it('the sender asks for later: the job runs again after that delay, then completes', async () => {
    const queue = createInProcessQueueFactory().queue<SendDeliveryJob>('dispatch-test');
    const { sender, calls } = scriptedSender([{ kind: 'later', delayMs: 30, reason: 'waiting for the account' }]);
    registerSendDeliveryProcessor(queue, sender, pino({ level: 'silent' }));

    await queue.enqueue({ deliveryId: 'd1', account: 'a1', parts: 1 }, { jobId: 'd1' });
    await sleep(10);
    expect(calls).to.have.length(1);
    await sleep(60);

    expect(calls).to.have.length(2);
    expect((await queue.counts()).completed).to.equal(1);
  });

  it('a payload without a delivery id: the job fails without calling the sender', async () => {
    const queue = createInProcessQueueFactory().queue<SendDeliveryJob>('dispatch-test');
    const { sender, calls } = scriptedSender([]);
    registerSendDeliveryProcessor(queue, sender, pino({ level: 'silent' }));

    await queue.enqueue({ account: 'a1' } as SendDeliveryJob);
    await sleep(20);

    expect(calls).to.have.length(0);
    expect((await queue.counts()).failed).to.equal(1);
  });

  it('our own failure (database down): the job is delayed, not failed', async () => {
    const queue = createInProcessQueueFactory().queue<SendDeliveryJob>('dispatch-test');
    const { sender } = scriptedSender([new Error('connection refused')]);
    registerSendDeliveryProcessor(queue, sender, pino({ level: 'silent' }));

    await queue.enqueue({ deliveryId: 'd1', account: 'a1' });
    await sleep(20);

    expect(await queue.counts()).to.include({ delayed: 1, failed: 0 });
    await queue.close();
  });

  it('transient backoff: exponential from 2 s with ±20 % jitter', () => {
    for (const [attempt, base] of [[1, 2000], [2, 4000], [4, 16000]] as const) {
      for (let i = 0; i < 20; i += 1) expect(SEND_DELIVERY_RETRY.backoffMs(attempt)).to.be.within(base * 0.8, base * 1.2);
    }
  });
});
