import type { Logger } from '../platform/logging/logger.js';
import type { JobQueue } from '../platform/queue/job-queue.port.js';
import type { Outbound } from './inbox.types.js';
import type { NewOutbound, OutboundRepository } from './outbound.repository.js';
import type { SendOutboundJob } from './processors/send-outbound.processor.js';

/**
 * Writes a message to send, then queues its job (`jobId` = its id, so it is queued once). The database row
 * comes first: when Redis cannot take the job, the row stays `queued` and `requeueUnfinished` (at start and
 * every minute) queues it again, so a reply is never lost between the two writes.
 */
export class Outbox {
  constructor(private readonly deps: { outbound: OutboundRepository; queue: JobQueue<SendOutboundJob>; log: Logger }) {}

  async send(message: NewOutbound & { key?: string }): Promise<Outbound> {
    const stored = await this.deps.outbound.insert(message);
    if (stored.state === 'queued') await this.enqueue(stored.id);
    return stored;
  }

  /** Queues a job for every message not sent or failed yet; a job already waiting is left as it is. */
  async requeueUnfinished(): Promise<number> {
    const ids = await this.deps.outbound.unfinishedIds();
    for (const id of ids) await this.enqueue(id);
    return ids.length;
  }

  private async enqueue(outboundId: string): Promise<void> {
    try {
      await this.deps.queue.enqueue({ outboundId }, { jobId: outboundId, replaceFinished: true });
    } catch (error) {
      this.deps.log.warn({ err: error, outboundId }, 'inbox message not queued yet; it will be queued again');
    }
  }
}
