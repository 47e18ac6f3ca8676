import {
  RetryJobLater,
  type EnqueueOptions,
  type JobProcessor,
  type JobQueue,
  type QueueCounts,
  type QueueFactory,
} from './job-queue.port.js';

interface PendingJob<T> {
  id: string;
  data: T;
  priority: number;
  runs: number;
  options: EnqueueOptions;
  state: 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';
}

/**
 * Jobs in memory, run in this process: for unit tests of services and processors, without Redis. It keeps
 * the bull adapter's contract (dedupe by `jobId`, priority, delays, `RetryJobLater`, attempts, pause) but
 * nothing survives the process, so it is never used to run Sportello.
 */
export function createInProcessQueueFactory(): QueueFactory {
  const queues: InProcessJobQueue<unknown>[] = [];
  return {
    queues,
    queue<T>(name: string): JobQueue<T> {
      const queue = new InProcessJobQueue<T>(name);
      queues.push(queue as InProcessJobQueue<unknown>);
      return queue;
    },
    async close() {
      await Promise.all(queues.map((q) => q.close()));
    },
  };
}

class InProcessJobQueue<T> implements JobQueue<T> {
  private readonly jobs = new Map<string, PendingJob<T>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private processor?: JobProcessor<T>;
  private concurrency = 1;
  private running = 0;
  private paused = false;
  private closed = false;
  private nextId = 1;
  private idle: Array<() => void> = [];

  constructor(readonly name: string) {}

  get hasProcessor(): boolean {
    return this.processor !== undefined;
  }

  async enqueue(data: T, options: EnqueueOptions = {}): Promise<void> {
    const id = options.jobId ?? `auto-${this.nextId++}`;
    const existing = this.jobs.get(id);
    if (existing) {
      const finished = existing.state === 'completed' || existing.state === 'failed';
      if (!(finished && options.replaceFinished) && !(existing.state === 'delayed' && options.replaceDelayed)) return;
    }
    const job: PendingJob<T> = { id, data, priority: options.priority ?? Number.MAX_SAFE_INTEGER, runs: 0, options, state: 'waiting' };
    this.jobs.set(id, job);
    this.delay(job, options.delayMs ?? 0);
  }

  async enqueueMany(jobs: Array<{ data: T; options?: EnqueueOptions }>): Promise<void> {
    for (const job of jobs) await this.enqueue(job.data, job.options);
  }

  process(processor: JobProcessor<T>, concurrency = 1): void {
    this.processor = processor;
    this.concurrency = concurrency;
    this.pump();
  }

  async counts(): Promise<QueueCounts> {
    const counts: QueueCounts = { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0, paused: 0 };
    for (const job of this.jobs.values()) {
      if (job.state === 'waiting' && this.paused) counts.paused += 1;
      else counts[job.state] += 1;
    }
    return counts;
  }

  async pause(): Promise<void> {
    this.paused = true;
  }

  async resume(): Promise<void> {
    this.paused = false;
    this.pump();
  }

  async isPaused(): Promise<boolean> {
    return this.paused;
  }

  /** Resolves when no job is active and none waits; delayed jobs may remain. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.running > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private delay(job: PendingJob<T>, delayMs: number): void {
    if (delayMs <= 0) {
      job.state = 'waiting';
      this.pump();
      return;
    }
    job.state = 'delayed';
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      job.state = 'waiting';
      this.pump();
    }, delayMs);
    this.timers.add(timer);
  }

  private pump(): void {
    while (this.processor && !this.paused && !this.closed && this.running < this.concurrency) {
      const next = [...this.jobs.values()].filter((j) => j.state === 'waiting').sort((a, b) => a.priority - b.priority)[0];
      if (!next) return;
      void this.run(next, this.processor);
    }
  }

  private async run(job: PendingJob<T>, processor: JobProcessor<T>): Promise<void> {
    job.state = 'active';
    this.running += 1;
    try {
      await processor(job.data, { id: job.id, attemptsMade: job.runs });
      job.state = 'completed';
    } catch (error) {
      job.runs += 1;
      if (error instanceof RetryJobLater) this.delay(job, Math.max(1, error.delayMs));
      else if (job.runs < (job.options.attempts ?? 1)) this.delay(job, job.options.backoff?.delayMs ?? 0);
      else job.state = 'failed';
    } finally {
      this.running -= 1;
      if (this.running === 0) for (const resolve of this.idle.splice(0)) resolve();
      this.pump();
    }
  }
}
