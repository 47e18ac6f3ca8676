import { createHash } from 'node:crypto';
import type { InboundMessage } from '../connectors/index.js';
import type { JobQueue, QueueFactory } from '../platform/queue/job-queue.port.js';
import type { IntakeOutcome } from './intake.service.js';

/** A citizen's message as it waits in Redis (JSON: the timestamp is an ISO string). */
export type ReceiveInboundJob = Omit<InboundMessage, 'timestamp'> & { timestamp: string };

export type AcceptOutcome = IntakeOutcome | 'queued';

/**
 * Takes a citizen's message off the connector and into Redis (append-only in production) before anything
 * else: connectors never deliver again a message whose listener failed, so the message must be safe before
 * MongoDB is asked for anything. The processor then stores it, retrying for as long as MongoDB is away.
 *
 * The job id is a digest of account and platform message id: a message delivered twice while its job waits is
 * queued once, and the id shows no phone number (WhatsApp message ids contain the chat id).
 */
export class IntakeQueue {
  readonly queue: JobQueue<ReceiveInboundJob>;
  private readonly waiters = new Map<string, Array<(outcome: IntakeOutcome) => void>>();

  constructor(queues: QueueFactory, options: { retentionMs: number }) {
    // An underscore, which account ids cannot hold: no account's `inbox-<account>` send queue can share the name.
    this.queue = queues.queue<ReceiveInboundJob>('inbox_intake', { personalData: { keepFailedMs: options.retentionMs } });
  }

  /**
   * Queues the message, then waits up to `waitMs` for this process to store it, so that in the usual case the
   * caller (the simulator's inbound call) answers once the message is in the inbox; after that the message is
   * `queued`, safe in Redis, and a database outage does not hold the connector's listener.
   */
  async accept(message: InboundMessage, waitMs: number): Promise<AcceptOutcome> {
    const jobId = intakeJobId(message.account, message.platformMessageId);
    let timer: NodeJS.Timeout | undefined;
    let settle: ((outcome: AcceptOutcome) => void) | undefined;
    const settled = new Promise<AcceptOutcome>((resolve) => {
      settle = resolve;
      timer = setTimeout(() => resolve('queued'), waitMs);
    });
    const waiter = (outcome: IntakeOutcome): void => settle?.(outcome);
    this.waiters.set(jobId, [...(this.waiters.get(jobId) ?? []), waiter]);
    try {
      // A finished job of the same id (a redelivery after it was stored) runs again and finds a duplicate.
      await this.queue.enqueue({ ...message, timestamp: message.timestamp.toISOString() }, { jobId, replaceFinished: true });
      return await settled;
    } finally {
      clearTimeout(timer);
      const rest = (this.waiters.get(jobId) ?? []).filter((w) => w !== waiter);
      if (rest.length > 0) this.waiters.set(jobId, rest);
      else this.waiters.delete(jobId);
    }
  }

  /** Called by the processor once the message of `jobId` is stored (or found already stored). */
  settled(jobId: string, outcome: IntakeOutcome): void {
    for (const waiter of this.waiters.get(jobId) ?? []) waiter(outcome);
  }
}

export function intakeJobId(account: string, platformMessageId: string): string {
  return createHash('sha256').update(`${account}\u0000${platformMessageId}`).digest('hex').slice(0, 32);
}
