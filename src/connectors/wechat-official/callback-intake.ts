import { createHash } from 'node:crypto';
import type { FileSpool } from '../../platform/spool/file-spool.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { CallbackMessage, SpooledCallback as Stored } from './callback-message.js';

/** How often what a failed handler left in the spool is tried again. */
const RETRY_EVERY_MS = 30_000;

/**
 * WeChat wants an answer within 5 seconds and retries three times otherwise, so the callback answers at once and
 * the work happens afterwards. What makes that safe: the message is on the local disk (fsync'd) before the answer,
 * and leaves it only once handled; a crash in between replays it at the next start. The spool id is WeChat's
 * `MsgId` (or, for events, which have none, the follower and second, as WeChat's documentation advises), so a
 * message WeChat posts again is held once, and handlers are idempotent on the same key.
 */
export class CallbackIntake {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #queued: Promise<void> | undefined;

  constructor(
    private readonly spool: FileSpool<Stored>,
    private readonly handle: (message: Stored) => Promise<void>,
    private readonly log: Logger,
  ) {}

  /** Resolves once the message is on disk: only then may the callback answer `success`. Handled once started. */
  async accept(message: CallbackMessage): Promise<void> {
    if (message.type === 'ignored') return;
    await this.spool.append(spoolIdOf(message), message);
    if (this.#timer) void this.drain();
  }

  start(): void {
    this.#timer = setInterval(() => void this.drain(), RETRY_EVERY_MS);
    this.#timer.unref();
    void this.drain();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** One pass over the spool at a time; the passes asked for meanwhile make one more pass after it. */
  drain(): Promise<void> {
    if (this.#queued) return this.#queued;
    const previous = this.#running ?? Promise.resolve();
    const next = previous.then(() => {
      this.#queued = undefined;
      return this.#pass();
    });
    this.#queued = next;
    this.#running = next;
    return next;
  }

  async #pass(): Promise<void> {
    const { records, setAside } = await this.spool.list();
    if (setAside.length > 0) this.log.error({ records: setAside.length }, 'unreadable WeChat callbacks set aside in the spool');
    for (const { id, record } of records) {
      try {
        await this.handle(revive(record));
        await this.spool.remove(id);
      } catch (error) {
        this.log.warn({ err: error, type: record.type }, 'a WeChat callback could not be handled; kept for the next pass');
      }
    }
  }
}

function spoolIdOf(message: Stored): string {
  const key = 'msgId' in message && message.msgId ? `msg:${message.msgId}` : `${message.type}:${'openid' in message ? message.openid : ''}:${message.at.getTime()}`;
  return createHash('sha256').update(key).digest('hex').slice(0, 40);
}

/** JSON turned the dates into strings. */
function revive(record: Stored): Stored {
  return { ...record, at: new Date(record.at) };
}
