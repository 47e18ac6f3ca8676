import { z } from 'zod';
import type { Logger } from '../../../platform/logging/logger.js';
import { RetryJobLater, type JobQueue } from '../../../platform/queue/job-queue.port.js';
import { infrastructureBackoffMs } from '../../../platform/queue/infrastructure-backoff.js';
import type { OutboundSender } from '../outbound-sender.service.js';
import { jitteredBackoff, type RetryPolicy } from '../../../chat-accounts/index.js';

export interface SendOutboundJob {
  outboundId: string;
  /** An acknowledgement or a keyword's confirmation rather than a mediator's answer (see `AccountPace.take`). */
  automatic?: boolean;
}

/**
 * A citizen waits for this answer, and a chat account may be down for a while (a WhatsApp session to scan
 * again): 12 attempts, exponential from 2 s and capped at 10 min, about 37 minutes in all, ±20 % jitter.
 * After that the message is `failed`, visible to staff on the conversation.
 */
export const SEND_OUTBOUND_RETRY: RetryPolicy = {
  maxAttempts: 12,
  backoffMs: jitteredBackoff(2000, 600_000),
};


const Payload = z.object({ outboundId: z.string().min(1), automatic: z.boolean().optional() });

/** One send at a time per account queue in each process, as the account's pace allows. */
export function registerSendOutboundProcessor(
  account: string,
  queue: JobQueue<SendOutboundJob>,
  sender: OutboundSender,
  log: Logger,
  policy = SEND_OUTBOUND_RETRY,
): void {
  queue.process(async (data, job) => {
    const { outboundId, automatic } = Payload.parse(data);
    let outcome;
    try {
      outcome = await sender.send(outboundId, account, policy, automatic);
    } catch (error) {
      log.error({ err: error, outboundId }, 'inbox send job failed; it will run again');
      throw new RetryJobLater(infrastructureBackoffMs(job.attemptsMade), (error as Error).message);
    }
    if (outcome.kind === 'later') throw new RetryJobLater(outcome.delayMs, outcome.reason);
  }, 1);
}
