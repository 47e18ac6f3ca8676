/** What Sportello needs from a job queue. Adapters: bull (Redis) and in-process (unit tests). */
export interface EnqueueOptions {
  /** Deduplicates: a job with the same id is not added twice while it exists (bull semantics). */
  jobId?: string;
  delayMs?: number;
  /** 1 is the highest priority; urgent work uses it to jump ahead of normal work. */
  priority?: number;
  attempts?: number;
  backoff?: { type: 'exponential' | 'fixed'; delayMs: number };
}

export interface JobContext {
  id: string;
  attemptsMade: number;
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
  /** Registers the one processor of this queue; `concurrency` jobs at once in this process. */
  process(processor: JobProcessor<T>, concurrency?: number): void;
  readonly hasProcessor: boolean;
  counts(): Promise<QueueCounts>;
  /** Stops taking new jobs and waits for the jobs in flight to finish, then closes connections. */
  close(): Promise<void>;
}

export interface QueueOptions {
  /** At most `max` jobs start per `durationMs`, across every worker process sharing the queue. */
  limiter?: { max: number; durationMs: number };
}

export interface QueueFactory {
  queue<T>(name: string, options?: QueueOptions): JobQueue<T>;
  /** Every queue created so far; `main.ts` checks each has a processor before starting. */
  readonly queues: readonly JobQueue<unknown>[];
  close(): Promise<void>;
}
