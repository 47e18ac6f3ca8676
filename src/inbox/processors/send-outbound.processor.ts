import { z } from 'zod';
import type { Logger } from '../../platform/logging/logger.js';
import { RetryJobLater, type JobQueue } from '../../platform/queue/job-queue.port.js';
import type { OutboundRetryPolicy, OutboundSender } from '../outbound-sender.service.js';

export interface SendOutboundJob {
  outboundId: string;
  /** An acknowledgement or a keyword's confirmation rather than a mediator's answer (see `AccountPace.take`). */
  automatic?: boolean;
}

/**
 * A citizen waits for this answer, and a chat account may be down for a while (a WhatsApp session to scan
 * again): 12 attempts, exponential from 2 s and capped at 10 min, about an hour in all, ±20 % jitter.
 * After that the message is `failed`, visible to staff on the conversation.
 */
export const SEND_OUTBOUND_RETRY: OutboundRetryPolicy = {
  maxAttempts: 12,
  backoffMs: (attempt) => Math.round(Math.min(600_000, 2000 * 2 ** (attempt - 1)) * (0.8 + Math.random() * 0.4)),
};

/** Our own failures (database unreachable): the job runs again, from 5 s up to 5 min apart. */
const infrastructureBackoffMs = (runs: number): number => Math.min(300_000, 5000 * 2 ** Math.min(runs, 6));

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
