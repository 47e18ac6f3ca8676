import type { Logger } from 'pino';
import { z } from 'zod';
import { RetryJobLater, type JobQueue } from '../../platform/queue/job-queue.port.js';
import { infrastructureBackoffMs } from '../../platform/queue/infrastructure-backoff.js';
import type { AnnouncementExpiry, ExpireAnnouncementJob } from '../announcement-expiry.js';


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
