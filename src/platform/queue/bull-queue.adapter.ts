import Bull from 'bull';
import { Redis, type RedisOptions } from 'ioredis';
import type { EnqueueOptions, JobProcessor, JobQueue, QueueCounts, QueueFactory, QueueOptions } from './job-queue.port.js';

/**
 * Bull queues on one Redis. Bull needs three connections per queue (client, subscriber, blocking client);
 * the client and subscriber are shared across queues, as bull's docs recommend, so 20 accounts do not
 * open 60 connections.
 */
export function createBullQueueFactory(options: { redisUrl: string; prefix?: string }): QueueFactory {
  const redisOptions: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: false };
  const shared = { client: new Redis(options.redisUrl, redisOptions), subscriber: new Redis(options.redisUrl, redisOptions) };
  for (const connection of Object.values(shared)) connection.on('error', () => undefined);
  const queues: BullJobQueue<unknown>[] = [];

  return {
    queues,
    queue<T>(name: string, queueOptions: QueueOptions = {}): JobQueue<T> {
      const bull = new Bull<T>(name, {
        prefix: options.prefix ?? 'sportello',
        ...(queueOptions.limiter ? { limiter: { max: queueOptions.limiter.max, duration: queueOptions.limiter.durationMs } } : {}),
        createClient: (type) => {
          if (type === 'client') return shared.client;
          if (type === 'subscriber') return shared.subscriber;
          const blocking = new Redis(options.redisUrl, redisOptions);
          blocking.on('error', () => undefined);
          return blocking;
        },
      });
      const queue = new BullJobQueue<T>(name, bull);
      queues.push(queue as BullJobQueue<unknown>);
      return queue;
    },
    async close() {
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
    readonly bull: Bull.Queue<T>,
  ) {}

  get hasProcessor(): boolean {
    return this.processing;
  }

  async enqueue(data: T, options: EnqueueOptions = {}): Promise<void> {
    await this.bull.add(data, {
      ...(options.jobId ? { jobId: options.jobId } : {}),
      ...(options.delayMs ? { delay: options.delayMs } : {}),
      ...(options.priority ? { priority: options.priority } : {}),
      attempts: options.attempts ?? 1,
      ...(options.backoff ? { backoff: { type: options.backoff.type, delay: options.backoff.delayMs } } : {}),
      removeOnComplete: 1000,
      removeOnFail: 5000,
    });
  }

  process(processor: JobProcessor<T>, concurrency = 1): void {
    this.processing = true;
    void this.bull.process(concurrency, async (job) => {
      await processor(job.data, { id: String(job.id), attemptsMade: job.attemptsMade });
    });
  }

  async counts(): Promise<QueueCounts> {
    const counts = await this.bull.getJobCounts();
    return { paused: 0, ...counts };
  }

  close(): Promise<void> {
    // bull's close() waits for the active jobs of this process to finish before it resolves.
    this.closed ??= this.bull.close();
    return this.closed;
  }
}
