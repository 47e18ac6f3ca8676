/** What Sportello needs from a job queue. Adapters: bull (Redis) and in-process (unit tests). */
export interface EnqueueOptions {
  /** Deduplicates: a job with the same id is not added twice while it exists (bull semantics). */
  jobId?: string;
  /**
   * With `jobId`: a finished (completed or failed) job of that id is removed and the job added anew,
   * so work that must run again (a retried or recovered delivery) keeps its id.
   */
  replaceFinished?: boolean;
  /**
   * With `jobId`: a delayed job of that id (not due yet) is removed and the job added anew, so the new `delayMs`
   * wins (work moved to another time). A job already running is left alone.
   */
  replaceDelayed?: boolean;
  delayMs?: number;
  /** 1 is the highest priority; urgent work uses it to jump ahead of normal work. */
  priority?: number;
  /** Runs that end with an error other than `RetryJobLater` before the job fails; 1 unless told. */
  attempts?: number;
  backoff?: { type: 'exponential' | 'fixed'; delayMs: number };
}

export interface JobContext {
  id: string;
  attemptsMade: number;
}

/**
 * Thrown by a processor to run the job again after `delayMs`, however many times it has run: the job
 * waits as a delayed job in the queue (it survives restarts) instead of holding a worker.
 */
export class RetryJobLater extends Error {
  constructor(
    readonly delayMs: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'RetryJobLater';
  }
}

export type JobProcessor<T> = (data: T, job: JobContext) => Promise<void>;

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  paused: number;
}

export interface JobQueue<T> {
  readonly name: string;
  enqueue(data: T, options?: EnqueueOptions): Promise<void>;
  /** Like `enqueue` for many jobs in one round trip (no `replaceFinished` or `replaceDelayed`). */
  enqueueMany(jobs: Array<{ data: T; options?: Omit<EnqueueOptions, 'replaceFinished' | 'replaceDelayed'> }>): Promise<void>;
  /** Registers the one processor of this queue; `concurrency` jobs at once in this process. */
  process(processor: JobProcessor<T>, concurrency?: number): void;
  readonly hasProcessor: boolean;
  counts(): Promise<QueueCounts>;
  /** Stops every worker of this queue, in every process, from taking jobs; waiting jobs stay queued. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  isPaused(): Promise<boolean>;
  /** Stops taking new jobs and waits for the jobs in flight to finish, then closes connections. */
  close(): Promise<void>;
}

export interface QueueOptions {
  /** At most `max` jobs start per `durationMs`, across every worker process sharing the queue. */
  limiter?: { max: number; durationMs: number };
  /**
   * How long a worker holds an active job without renewing its lock. A worker that dies (kill -9) gives
   * its jobs back to the queue about this long after it died.
   */
  lockDurationMs?: number;
  /**
   * The jobs' data holds personal data (a citizen's message): a completed job is removed at once, and a failed
   * one is kept at most `keepFailedMs`, for an operator to look at, never longer than the data's retention.
   */
  personalData?: { keepFailedMs: number };
}

export interface QueueFactory {
  queue<T>(name: string, options?: QueueOptions): JobQueue<T>;
  /** Every queue created so far; `main.ts` checks each has a processor before starting. */
  readonly queues: readonly JobQueue<unknown>[];
  close(): Promise<void>;
}
