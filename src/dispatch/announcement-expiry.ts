import type { Logger } from 'pino';
import { RetryJobLater, type JobQueue, type QueueFactory } from '../platform/queue/job-queue.port.js';
import type { AnnouncementDeliveries } from './announcement-deliveries.repository.js';
import type { AnnouncementStatusPort, SendableAnnouncement } from './sendable-announcement.port.js';

export interface ExpireAnnouncementJob {
  announcementId: string;
  /** ISO time; the job does nothing before it. */
  validUntil: string;
}

/**
 * Ends an announcement at its `validUntil`: a delayed job, queued at publication in Redis (so it survives
 * restarts), expires every delivery not sent yet and the announcement itself. The sender also refuses to send
 * past `validUntil`, so a late job never lets an old notice out.
 */
export class AnnouncementExpiry {
  readonly queue: JobQueue<ExpireAnnouncementJob>;

  constructor(
    factory: QueueFactory,
    private readonly deps: { deliveries: AnnouncementDeliveries; status: AnnouncementStatusPort; log: Logger },
  ) {
    // Not `dispatch-…`: those names are the account queues.
    this.queue = factory.queue<ExpireAnnouncementJob>('announcement-expiry');
  }

  /**
   * One job per announcement and `validUntil` (which cannot change after publication): publishing again or
   * approving a language later queues nothing new.
   */
  async schedule(announcement: SendableAnnouncement, now: number): Promise<void> {
    if (!announcement.validUntil) return;
    const at = announcement.validUntil.getTime();
    await this.queue.enqueue(
      { announcementId: announcement.id, validUntil: announcement.validUntil.toISOString() },
      { jobId: `expire-${announcement.id}-${at}`, delayMs: Math.max(0, at - now) },
    );
  }

  async expire(job: ExpireAnnouncementJob, now: number): Promise<void> {
    const at = Date.parse(job.validUntil);
    // Another process's clock may run ahead of ours: wait for our own `validUntil` rather than expire early.
    if (now < at) throw new RetryJobLater(at - now, 'validUntil not reached yet');
    const expired = await this.deps.deliveries.expirePending(job.announcementId);
    try {
      await this.deps.status.markExpired(job.announcementId);
    } catch (error) {
      // Cancelled meanwhile: it stays cancelled, and its deliveries were already stopped.
      this.deps.log.info({ err: error, announcementId: job.announcementId }, 'announcement status not changed to expired');
    }
    this.deps.log.info({ announcementId: job.announcementId, expired }, 'announcement expired: pending deliveries stopped');
  }
}
