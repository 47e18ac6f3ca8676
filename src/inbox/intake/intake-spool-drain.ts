import type { Logger } from '../../platform/logging/logger.js';
import type { IntakeQueue } from './intake-queue.js';
import { backoffDelayMs, type BackoffPolicy } from '../../platform/backoff.js';

/** While the spool holds messages: 1 s, doubling up to 30 s. Empty: a look every 30 s. */
const RETRY: BackoffPolicy = { initialMs: 1000, maxMs: 30_000 };
const IDLE_CHECK_MS = 30_000;

/**
 * Hands Redis the messages the intake spool still holds: at once (what a crash during a Redis outage left), then
 * again with backoff until Redis has taken them all. A message whose enqueue is waiting for Redis in this process
 * is not sent again (ioredis sends it when Redis is back); a refused one is.
 */
export function startIntakeSpoolDrain(intakeQueue: IntakeQueue, log: Logger): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let passesWithMessages = 0;

  const pass = async (): Promise<void> => {
    let spooled = 1;
    try {
      spooled = await intakeQueue.requeueSpooled();
    } catch (error) {
      log.warn({ err: error }, 'inbox intake: the spool could not be read');
    }
    if (stopped) return;
    passesWithMessages = spooled > 0 ? passesWithMessages + 1 : 0;
    timer = setTimeout(() => void pass(), spooled > 0 ? backoffDelayMs(passesWithMessages, RETRY) : IDLE_CHECK_MS);
    timer.unref();
  };
  void pass();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
