import type { Logger } from 'pino';
import { z } from 'zod';
import { RetryJobLater, type JobQueue } from '../../platform/queue/job-queue.port.js';
import type { AnnouncementExpiry, ExpireAnnouncementJob } from '../announcement-expiry.js';

/** Database or Redis unreachable: the job runs again, from 5 s up to 5 min apart, until it gets through. */
const infrastructureBackoffMs = (runs: number): number => Math.min(300_000, 5000 * 2 ** Math.min(runs, 6));

const Payload = z.object({ announcementId: z.string().min(1), validUntil: z.iso.datetime() });

export function registerExpireAnnouncementProcessor(queue: JobQueue<ExpireAnnouncementJob>, expiry: AnnouncementExpiry, log: Logger): void {
  queue.process(async (data, job) => {
    const payload = Payload.parse(data);
    try {
      await expiry.expire(payload, Date.now());
    } catch (error) {
      if (error instanceof RetryJobLater) throw error;
      log.error({ err: error, announcementId: payload.announcementId }, 'expiry job failed; it will run again');
      throw new RetryJobLater(infrastructureBackoffMs(job.attemptsMade), (error as Error).message);
    }
  }, 1);
}
