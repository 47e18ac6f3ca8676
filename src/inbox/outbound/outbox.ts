import type { Logger } from '../../platform/logging/logger.js';
import type { JobQueue, QueueFactory } from '../../platform/queue/job-queue.port.js';
import type { Outbound } from '../inbox.types.js';
import type { NewOutbound, OutboundRepository } from './outbound.repository.js';
import type { SendOutboundJob } from './processors/send-outbound.processor.js';
import type { InboxChanges } from '../inbox-changes.js';

/** A chat account the inbox answers on; its pace is the account's shared one (chat-accounts' `AccountPace`). */
export interface InboxAccount {
  id: string;
}

/**
 * Writes a message to send, then queues its job (`jobId` = its id, so it is queued once) on its account's
 * queue; the sender takes the account's shared pace before each send. The database row comes first:
 * when Redis cannot take the job, the row stays `queued` and `requeueUnfinished` (at start and every minute)
 * queues it again, so a reply is never lost between the two writes.
 */
export class Outbox {
  private readonly byAccount = new Map<string, JobQueue<SendOutboundJob>>();

  constructor(
    private readonly deps: { outbound: OutboundRepository; queues: QueueFactory; accounts: readonly InboxAccount[]; changes?: InboxChanges; log: Logger },
  ) {
    for (const account of deps.accounts) this.byAccount.set(account.id, deps.queues.queue<SendOutboundJob>(`inbox-${account.id}`));
  }

  get queues(): Array<JobQueue<SendOutboundJob>> {
    return [...this.byAccount.values()];
  }

  entries(): Array<[string, JobQueue<SendOutboundJob>]> {
    return [...this.byAccount.entries()];
  }

  /** `delayMs`: the job waits that long first (a keyword's confirmation waits for the citizen's next keyword). */
  async send(message: NewOutbound & { key?: string }, delayMs = 0): Promise<Outbound> {
    const stored = await this.deps.outbound.insert(message);
    this.deps.changes?.outbound(stored);
    if (stored.state === 'queued') await this.enqueue(stored, delayMs);
    return stored;
  }

  /** A queued message's job waits `delayMs` from now (again): a confirmation that waits for the end of a burst. */
  async postpone(message: Pick<Outbound, 'id' | 'account' | 'kind'>, delayMs: number): Promise<void> {
    const queue = this.byAccount.get(message.account);
    await queue?.enqueue({ outboundId: message.id, automatic: true }, { jobId: message.id, replaceDelayed: true, delayMs });
  }

  /** Sends a failed message again, with fresh attempts; undefined when it is not a failed message of that conversation. */
  async retry(outboundId: string, conversationId: string): Promise<Outbound | undefined> {
    const requeued = await this.deps.outbound.requeueFailed(outboundId, conversationId);
    if (requeued) {
      this.deps.changes?.outbound(requeued);
      await this.enqueue(requeued);
    }
    return requeued;
  }

  /** Queues a job for every message not sent or failed yet; a job already waiting is left as it is. */
  async requeueUnfinished(): Promise<number> {
    const unfinished = await this.deps.outbound.unfinished();
    for (const message of unfinished) await this.enqueue(message);
    return unfinished.length;
  }

  private async enqueue(message: Pick<Outbound, 'id' | 'account' | 'kind'>, delayMs = 0): Promise<void> {
    const queue = this.byAccount.get(message.account);
    if (!queue) {
      await this.deps.outbound.markFailed(message.id, `account ${message.account} is not configured`);
      return;
    }
    try {
      await queue.enqueue({ outboundId: message.id, ...(message.kind === 'reply' ? {} : { automatic: true }) }, { jobId: message.id, replaceFinished: true, ...(delayMs > 0 ? { delayMs } : {}) });
    } catch (error) {
      this.deps.log.warn({ err: error, outboundId: message.id }, 'inbox message not queued yet; it will be queued again');
    }
  }
}
