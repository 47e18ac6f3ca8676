import Bull from 'bull';
import { Redis, type RedisOptions } from 'ioredis';
import { DEAD_HOLDER_LUA, type ProcessLiveness } from '../redis/process-liveness.js';
import { luaScript } from '../redis/lua-script.js';
import {
  RetryJobLater,
  type EnqueueOptions,
  type JobProcessor,
  type JobQueue,
  type QueueCounts,
  type QueueFactory,
  type QueueOptions,
} from './job-queue.port.js';

/** A bull job runs again on `RetryJobLater` without limit; this stands for "without limit". */
const UNLIMITED_RUNS = 1_000_000;
const SPORTELLO_BACKOFF = 'sportello';

interface BackoffOptions {
  attempts: number;
  backoff?: { type: 'exponential' | 'fixed'; delayMs: number };
}

/**
 * One custom bull backoff strategy carries both retry kinds: `RetryJobLater` asks for its own delay, any other
 * error is retried by the job's own `attempts`/`backoff` (bull's strategies only see the job's options).
 */
function sportelloBackoff(attemptsMade: number, err: Error, options: BackoffOptions | null): number {
  if (err instanceof RetryJobLater) return Math.max(1, Math.round(err.delayMs));
  if (!options || attemptsMade >= options.attempts) return -1;
  const step = options.backoff;
  if (!step) return 0;
  return step.type === 'fixed' ? step.delayMs : Math.round((2 ** (attemptsMade - 1)) * step.delayMs);
}

/** How many finished jobs a queue keeps, for the dashboard; a queue of personal data keeps none it does not need. */
type FinishedJobs = Pick<Bull.JobOptions, 'removeOnComplete' | 'removeOnFail'>;
const KEEP_FOR_DASHBOARD: FinishedJobs = { removeOnComplete: 1000, removeOnFail: 5000 };

function finishedJobsOf(options: QueueOptions): FinishedJobs {
  if (!options.personalData) return KEEP_FOR_DASHBOARD;
  return { removeOnComplete: true, removeOnFail: { age: Math.max(1, Math.floor(options.personalData.keepFailedMs / 1000)) } };
}

function jobOptions(options: Omit<EnqueueOptions, 'replaceFinished' | 'replaceDelayed'>, finished: FinishedJobs): Bull.JobOptions {
  const backoffOptions: BackoffOptions = { attempts: options.attempts ?? 1, ...(options.backoff ? { backoff: options.backoff } : {}) };
  return {
    ...(options.jobId ? { jobId: options.jobId } : {}),
    ...(options.delayMs && options.delayMs > 0 ? { delay: Math.round(options.delayMs) } : {}),
    ...(options.priority ? { priority: options.priority } : {}),
    attempts: UNLIMITED_RUNS,
    // bull's typings omit `options`, which it passes to custom strategies (lib/job.js moveToFailed).
    backoff: { type: SPORTELLO_BACKOFF, options: backoffOptions } as Bull.BackoffOptions,
    ...finished,
  };
}

// Jobs in the active list whose lock is held by a bull queue of a dead process (see `ProcessLiveness`) go back to
// the head of the wait list (or the paused list) at once, as bull's stalled check would after up to three lock
// durations. KEYS: active, wait, paused, meta-paused. ARGV: the queue's key prefix, the liveness prefix.
const RECLAIM = `${DEAD_HOLDER_LUA}
local target = KEYS[2]
if redis.call('EXISTS', KEYS[4]) == 1 then target = KEYS[3] end
local moved = 0
for _, jobId in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
  local lockKey = ARGV[1] .. jobId .. ':lock'
  if deadHolder(ARGV[2], redis.call('GET', lockKey)) then
    redis.call('DEL', lockKey)
    if redis.call('LREM', KEYS[1], 1, jobId) > 0 then
      redis.call('RPUSH', target, jobId)
      moved = moved + 1
    end
  end
end
return moved`;
/** How often a process with workers looks for the jobs of dead processes. */
const RECLAIM_EVERY_MS = 1000;

export interface BullQueueFactory extends QueueFactory {
  /** bull's own queues, for the admin dashboard (`queue-board.routes.ts`); nothing else may touch them. */
  readonly bullQueues: readonly Bull.Queue[];
}

/**
 * Bull queues on one Redis. Bull needs three connections per queue (client, subscriber, blocking client);
 * the client and subscriber are shared across queues, as bull's docs recommend, so 20 accounts do not
 * open 60 connections.
 */
export function createBullQueueFactory(options: { redisUrl: string; prefix?: string; liveness?: ProcessLiveness }): BullQueueFactory {
  const redisOptions: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: false };
  const shared = { client: new Redis(options.redisUrl, redisOptions), subscriber: new Redis(options.redisUrl, redisOptions) };
  for (const connection of Object.values(shared)) {
    connection.on('error', () => undefined);
    // bull adds listeners to the shared connections once per queue: one queue per account passes the default 10.
    connection.setMaxListeners(0);
  }
  const queues: BullJobQueue<unknown>[] = [];
  const bullQueues: Bull.Queue[] = [];
  const prefix = options.prefix ?? 'sportello';
  const liveness = options.liveness;
  const reclaimScript = luaScript<number>(shared.client, 'sportelloReclaimDeadWorkersJobs', 4, RECLAIM);
  let reclaimTimer: NodeJS.Timeout | undefined;
  /** Started with the first processor: from then on, every second, and at once for each queue that starts processing. */
  const reclaim = async (queue: BullJobQueue<unknown>): Promise<void> => {
    if (!liveness) return;
    const base = `${prefix}:${queue.name}:`;
    await reclaimScript(`${base}active`, `${base}wait`, `${base}paused`, `${base}meta-paused`, base, liveness.prefix);
  };
  const reclaimAll = (): void => {
    for (const queue of queues) if (queue.hasProcessor) void reclaim(queue).catch(() => undefined);
  };
  const onProcessing = async (queue: BullJobQueue<unknown>, token: string): Promise<void> => {
    if (!liveness) return;
    await liveness.register(token);
    await reclaim(queue);
    if (!reclaimTimer) {
      reclaimTimer = setInterval(reclaimAll, RECLAIM_EVERY_MS);
      reclaimTimer.unref();
    }
  };

  return {
    queues,
    bullQueues,
    queue<T>(name: string, queueOptions: QueueOptions = {}): JobQueue<T> {
      const lock = queueOptions.lockDurationMs;
      const bull = new Bull<T>(name, {
        prefix,
        ...(queueOptions.limiter ? { limiter: { max: queueOptions.limiter.max, duration: queueOptions.limiter.durationMs } } : {}),
        settings: {
          backoffStrategies: { [SPORTELLO_BACKOFF]: sportelloBackoff as unknown as (attemptsMade: number, err: Error) => number },
          ...(lock ? { lockDuration: lock, lockRenewTime: Math.floor(lock / 2), stalledInterval: lock } : {}),
        },
        createClient: (type) => {
          if (type === 'client') return shared.client;
          if (type === 'subscriber') return shared.subscriber;
          const blocking = new Redis(options.redisUrl, redisOptions);
          blocking.on('error', () => undefined);
          return blocking;
        },
      });
      const queue: BullJobQueue<T> = new BullJobQueue<T>(name, bull, finishedJobsOf(queueOptions), (token) => onProcessing(queue as BullJobQueue<unknown>, token));
      queues.push(queue as BullJobQueue<unknown>);
      bullQueues.push(bull as Bull.Queue);
      return queue;
    },
    async close() {
      clearInterval(reclaimTimer);
      await Promise.all(queues.map((q) => q.close()));
      shared.client.disconnect();
      shared.subscriber.disconnect();
    },
  };
}

class BullJobQueue<T> implements JobQueue<T> {
  private processing = false;
  private closed?: Promise<void>;

  constructor(
    readonly name: string,
    private readonly bull: Bull.Queue<T>,
    private readonly finished: FinishedJobs,
    /** Told bull's lock token of this process once it processes jobs (see `ProcessLiveness`). */
    private readonly onProcessing: (token: string) => Promise<void>,
  ) {}

  get hasProcessor(): boolean {
    return this.processing;
  }

  async enqueue(data: T, options: EnqueueOptions = {}): Promise<void> {
    if ((options.replaceFinished || options.replaceDelayed) && options.jobId) {
      const existing = await this.bull.getJob(options.jobId);
      const state = await existing?.getState();
      if (options.replaceFinished && (state === 'completed' || state === 'failed')) await existing?.remove();
      // Due meanwhile and taken by a worker, it is locked and stays: the add below is then a no-op.
      if (options.replaceDelayed && state === 'delayed') await existing?.remove().catch(() => undefined);
    }
    await this.bull.add(data, jobOptions(options, this.finished));
  }

  async enqueueMany(jobs: Array<{ data: T; options?: Omit<EnqueueOptions, 'replaceFinished' | 'replaceDelayed'> }>): Promise<void> {
    if (jobs.length === 0) return;
    await this.bull.addBulk(jobs.map((job) => ({ data: job.data, opts: jobOptions(job.options ?? {}, this.finished) })));
  }

  process(processor: JobProcessor<T>, concurrency = 1): void {
    this.processing = true;
    // bull's typings omit `token`: the value of every job lock this queue takes (lib/queue.js).
    void this.onProcessing((this.bull as unknown as { token: string }).token).catch(() => undefined);
    void this.bull.process(concurrency, async (job) => {
      await processor(job.data, { id: String(job.id), attemptsMade: job.attemptsMade });
    });
  }

  async counts(): Promise<QueueCounts> {
    const counts = await this.bull.getJobCounts();
    return { paused: 0, ...counts };
  }

  pause(): Promise<void> {
    return this.bull.pause();
  }

  resume(): Promise<void> {
    return this.bull.resume();
  }

  isPaused(): Promise<boolean> {
    return this.bull.isPaused();
  }

  close(): Promise<void> {
    // bull's close() waits for the active jobs of this process to finish before it resolves.
    this.closed ??= this.bull.close();
    return this.closed;
  }
}
