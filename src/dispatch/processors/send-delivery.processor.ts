import type { Logger } from 'pino';
import { z } from 'zod';
import { RetryJobLater, type JobQueue } from '../../platform/queue/job-queue.port.js';
import { infrastructureBackoffMs } from '../../platform/queue/infrastructure-backoff.js';
import type { DeliverySender } from '../delivery-sender.service.js';
import { jitteredBackoff, type RetryPolicy } from '../../chat-accounts/index.js';
import type { SendDeliveryJob } from '../delivery-queues.js';
import type { DispatchAccount } from '../dispatch-account.js';

/**
 * Transient platform errors: 5 attempts, exponential from 2 s with ±20 % jitter so deliveries that failed
 * together do not retry together (2, 4, 8, 16 s; a delivery fails about 30 s after its first try).
 */
export const SEND_DELIVERY_RETRY: RetryPolicy = {
  maxAttempts: 5,
  backoffMs: jitteredBackoff(2000),
};


const Payload = z.object({ deliveryId: z.string().min(1), account: z.string().min(1), parts: z.number().int().positive().optional(), urgent: z.boolean().optional() });

/**
 * Jobs at once per account queue in each process. An account with a gap between messages sends one at a time,
 * so one job runs; an account without one lets the jobs running together share a turn (`AccountTurns`).
 */
export const UNSPACED_CONCURRENCY = 32;

export function sendConcurrency(account: DispatchAccount): number {
  return account.rateLimit.minIntervalMs === 0 ? UNSPACED_CONCURRENCY : 1;
}

export function registerSendDeliveryProcessor(queue: JobQueue<SendDeliveryJob>, sender: DeliverySender, log: Logger, concurrency = 1): void {
  queue.process(async (data, job) => {
    const payload = Payload.parse(data);
    let result;
    try {
      result = await sender.send(payload, SEND_DELIVERY_RETRY);
    } catch (error) {
      log.error({ err: error, deliveryId: payload.deliveryId }, 'delivery job failed; it will run again');
      throw new RetryJobLater(infrastructureBackoffMs(job.attemptsMade), (error as Error).message);
    }
    if (result.kind === 'later') throw new RetryJobLater(result.delayMs, result.reason);
  }, concurrency);
}
