import { createHash } from 'node:crypto';
import type { InboundMessage } from '../../connectors/index.js';
import type { JobQueue, QueueFactory } from '../../platform/queue/job-queue.port.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { FileSpool } from '../../platform/spool/file-spool.js';
import type { IntakeOutcome } from './intake.service.js';
import { ArrivalOrder, type TurnOutcome } from './arrival-order.js';

/**
 * How long a citizen's message waits in a worker for the citizen's earlier message: long enough for one store
 * (a few database round trips), short enough that a worker is not held while that message waits for a retry.
 */
const ORDER_WAIT_MS = 2000;

/** A citizen's message as it waits in the spool on the local disk (JSON: the timestamp is an ISO string). */
export type SpooledMessage = Omit<InboundMessage, 'timestamp'> & { timestamp: string };

/**
 * What waits in Redis: only the id of the spooled message. Redis's append-only file keeps whatever passed
 * through it until a rewrite, also after a citizen is erased; so a text, a phone number or a chat id never goes
 * there.
 */
export interface ReceiveInboundJob {
  spooled: string;
}

/** `spooled`: Redis did not take the message in time; it waits on the local disk and is queued once Redis answers. */
export type AcceptOutcome = IntakeOutcome | 'queued' | 'spooled';

/**
 * Takes a citizen's message off the connector and onto the local disk, then queues a reference to it in Redis,
 * before anything else: connectors never deliver again a message whose listener was called, so the message must
 * be safe before Redis or MongoDB is asked for anything. The processor then reads it from the spool and stores
 * it, retrying for as long as MongoDB is away, and only then deletes the spooled copy.
 *
 * The spool also covers Redis being away: ioredis holds an enqueue in memory until Redis answers, so without the
 * spooled copy a crash during a Redis outage would lose the message. `requeueSpooled` (at start-up, then by the
 * drain) hands Redis a reference to whatever is still spooled. As the message lives on this process's disk, the
 * queue is this spool's own (`inbox_intake_<spool id>`): only the process working on that folder takes its jobs.
 *
 * The job id is a digest of account and platform message id: a message delivered twice while its job waits is
 * queued once, and the id (also the spooled file's name) shows no phone number (WhatsApp message ids contain
 * the chat id).
 */
export class IntakeQueue {
  readonly queue: JobQueue<ReceiveInboundJob>;
  private readonly waiters = new Map<string, Array<(outcome: AcceptOutcome) => void>>();
  /** One enqueue at a time per message: while Redis is away, a retry would only pile up in ioredis's memory. */
  private readonly inFlight = new Map<string, Promise<boolean>>();
  /** Each citizen's messages are stored in the order they arrived, however many workers store messages at once. */
  private readonly order = new ArrivalOrder(ORDER_WAIT_MS);
  /**
   * What this process spooled and has not stored yet, as written: the processor reads it from here rather than
   * from the disk (the spooled copy is there for a crash, and the queue is this process's own). Bounded by the
   * spool itself: an entry goes when its message is stored or set aside.
   */
  private readonly spooledHere = new Map<string, SpooledMessage>();

  constructor(
    queues: QueueFactory,
    private readonly spool: FileSpool<SpooledMessage>,
    private readonly options: { retentionMs: number; log: Logger },
  ) {
    // An underscore, which account ids cannot hold: no account's `inbox-<account>` send queue can share the name.
    this.queue = queues.queue<ReceiveInboundJob>(`inbox_intake_${spool.ownerId}`, { personalData: { keepFailedMs: options.retentionMs } });
  }

  /**
   * Spools the message (on disk, fsync'd), queues it, then waits up to `waitMs` for this process to store it, so
   * that in the usual case the caller (the simulator's inbound call) answers once the message is in the inbox.
   * After that the message is `queued` (safe in Redis) or `spooled` (safe on disk, Redis away), and neither a
   * database nor a Redis outage holds the connector's listener.
   */
  async accept(message: InboundMessage, waitMs: number): Promise<AcceptOutcome> {
    const jobId = intakeJobId(message.account, message.platformMessageId);
    // In line before the first await: the connector calls the listener in the order the citizen wrote.
    this.order.arrived(citizenKey(message), jobId);
    const spooled = { ...message, timestamp: message.timestamp.toISOString() };
    try {
      await this.spool.append(jobId, spooled);
    } catch (error) {
      this.order.left(jobId);
      throw error;
    }
    this.spooledHere.set(jobId, spooled);
    let inRedis = false;
    let timer: NodeJS.Timeout | undefined;
    let settle: ((outcome: AcceptOutcome) => void) | undefined;
    const settled = new Promise<AcceptOutcome>((resolve) => {
      settle = resolve;
      timer = setTimeout(() => resolve(inRedis ? 'queued' : 'spooled'), waitMs);
    });
    const waiter = (outcome: AcceptOutcome): void => settle?.(outcome);
    this.waiters.set(jobId, [...(this.waiters.get(jobId) ?? []), waiter]);
    try {
      void this.enqueueSpooled(jobId).then((taken) => {
        if (taken) inRedis = true;
        else settle?.('spooled');
      });
      const outcome = await settled;
      if (outcome === 'spooled') this.options.log.warn({ jobId }, 'inbox intake: Redis did not take the message in time; it waits in the spool');
      return outcome;
    } finally {
      clearTimeout(timer);
      const rest = (this.waiters.get(jobId) ?? []).filter((w) => w !== waiter);
      if (rest.length > 0) this.waiters.set(jobId, rest);
      else this.waiters.delete(jobId);
    }
  }

  /**
   * Hands Redis a reference to every spooled message, except those whose enqueue is still waiting for Redis,
   * without waiting for Redis to answer. A message whose job already waits in Redis is not queued twice (same job
   * id). Resolves with how many messages the spool holds (queued or not, until they are stored).
   */
  async requeueSpooled(): Promise<number> {
    const { records, setAside } = await this.spool.list();
    for (const id of setAside) this.options.log.error({ jobId: id }, 'inbox intake: a spooled message is unreadable; set aside for an operator');
    for (const { id, record } of records) {
      if (typeof record?.account === 'string' && typeof record.senderId === 'string') this.order.arrived(citizenKey(record), id);
      void this.enqueueSpooled(id);
    }
    return records.length;
  }

  /** The spooled message a job refers to; undefined once it was stored (its copy is deleted then). */
  async load(jobId: string): Promise<unknown> {
    const held = this.spooledHere.get(jobId);
    if (held) return held;
    let record;
    try {
      record = await this.spool.read(jobId);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      return this.setAside(jobId);
    }
    if (record === undefined) this.order.left(jobId);
    return record;
  }

  /** Resolves `go` once the citizen's earlier messages are stored (see `ArrivalOrder`); the caller then stores this one. */
  turn(jobId: string, message: Pick<InboundMessage, 'account' | 'senderId'>): Promise<TurnOutcome> {
    return this.order.turn(citizenKey(message), jobId);
  }

  /** A spooled message that cannot be stored (not JSON, or not a message): renamed for an operator, never retried. */
  async setAside(jobId: string): Promise<undefined> {
    await this.spool.setAside(jobId);
    this.spooledHere.delete(jobId);
    this.order.left(jobId);
    this.options.log.error({ jobId }, 'inbox intake: a spooled message is unreadable; set aside for an operator');
    return undefined;
  }

  /** Called by the processor once the message of `jobId` is stored (or found already stored): its spooled copy goes. */
  async stored(jobId: string, outcome: IntakeOutcome): Promise<void> {
    await this.spool.remove(jobId);
    this.spooledHere.delete(jobId);
    this.order.left(jobId);
    for (const waiter of this.waiters.get(jobId) ?? []) waiter(outcome);
  }

  /** Resolves true once Redis has the job; false if Redis refused it (the message stays spooled and is queued again later). */
  private enqueueSpooled(jobId: string): Promise<boolean> {
    const running = this.inFlight.get(jobId);
    if (running) return running;
    const attempt = (async () => {
      try {
        // A finished job of the same id (a redelivery after it was stored) runs again and finds a duplicate.
        await this.queue.enqueue({ spooled: jobId }, { jobId, replaceFinished: true });
      } catch (error) {
        this.options.log.warn({ err: error, jobId }, 'inbox intake: Redis refused a spooled message; it stays in the spool');
        return false;
      }
      return true;
    })().finally(() => this.inFlight.delete(jobId));
    this.inFlight.set(jobId, attempt);
    return attempt;
  }
}

/** One citizen on one account: the unit whose messages keep their order. */
function citizenKey(message: Pick<InboundMessage, 'account' | 'senderId'>): string {
  return `${message.account}\u0000${message.senderId}`;
}

export function intakeJobId(account: string, platformMessageId: string): string {
  return createHash('sha256').update(`${account}\u0000${platformMessageId}`).digest('hex').slice(0, 32);
}
