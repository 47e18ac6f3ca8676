import { z } from 'zod';
import type { Logger } from '../../../platform/logging/logger.js';
import { RetryJobLater } from '../../../platform/queue/job-queue.port.js';
import type { IntakeQueue } from '../intake-queue.js';
import type { IntakeService } from '../intake.service.js';

/**
 * MongoDB away (a failover, a restart, a full disk) must not lose a citizen's message: the job runs again
 * without limit, from 250 ms (two messages of a new citizen racing to create the contact) up to every 30 s.
 */
export const intakeBackoffMs = (runs: number): number => Math.min(30_000, 250 * 2 ** Math.min(runs, 7));

const Payload = z.object({
  platform: z.enum(['wechat', 'wechat-official', 'whatsapp', 'simulator']),
  account: z.string().min(1),
  chatId: z.string().min(1),
  chatType: z.enum(['direct', 'group']),
  senderId: z.string().min(1),
  senderName: z.string(),
  text: z.string(),
  quotedMessageId: z.string().optional(),
  media: z.object({ kind: z.string(), mimeType: z.string().optional(), fileName: z.string().optional() }).optional(),
  mentionsUs: z.boolean(),
  timestamp: z.coerce.date(),
  platformMessageId: z.string().min(1),
});

const Job = z.object({ spooled: z.string().min(1) });

/**
 * Messages stored at once by each process. Storing one is a handful of database round trips, each mostly waiting:
 * one at a time, the inbox stored 38 messages/s where the same database took 3,290 bare inserts/s (#17).
 * Each citizen's own messages still go one at a time, in the order they arrived (`IntakeQueue.turn`): a burst
 * from one new citizen creates one contact without a race, and their conversation follows what they wrote.
 */
export const INTAKE_CONCURRENCY = 16;

/**
 * Stores one citizen's message, read from the spool the job refers to. A message already stored (its spooled
 * copy deleted) completes the job at once; a spooled record that is not a message is set aside for an operator.
 * The message text is never logged, only ids.
 */
export function registerReceiveInboundProcessor(intakeQueue: IntakeQueue, intake: IntakeService, log: Logger): void {
  intakeQueue.queue.process(async (data, job) => {
    const { spooled } = Job.parse(data);
    const record = await intakeQueue.load(spooled);
    if (record === undefined) return;
    const parsed = Payload.safeParse(record);
    if (!parsed.success) {
      await intakeQueue.setAside(spooled);
      return;
    }
    const message = parsed.data;
    if ((await intakeQueue.turn(spooled, message)) === 'not_yet') throw new RetryJobLater(intakeBackoffMs(job.attemptsMade), 'an earlier message of this citizen is not stored yet');
    let outcome;
    try {
      outcome = await intake.receive(message);
    } catch (error) {
      log.warn({ err: error, account: message.account, runs: job.attemptsMade + 1 }, 'inbox intake failed; the message waits in its queue');
      throw new RetryJobLater(intakeBackoffMs(job.attemptsMade), 'inbox intake failed');
    }
    await intakeQueue.stored(spooled, outcome);
  }, INTAKE_CONCURRENCY);
}
