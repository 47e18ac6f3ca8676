import type { JobQueue, QueueFactory } from '../platform/queue/job-queue.port.js';
import type { Delivery } from './delivery.js';
import type { DispatchAccount } from './dispatch-account.js';
import { UnknownAccount } from './dispatch.errors.js';

export interface SendDeliveryJob {
  deliveryId: string;
  account: string;
  /** Messages the delivery will send, for the account's daily cap before the delivery is read. */
  parts?: number;
  /** Urgent notices go ahead of the inbox's answers on the account's shared pace; normal ones after them. */
  urgent?: boolean;
}

/**
 * Urgent jobs carry bull's highest priority, which puts them at the head of the wait list, ahead of every job
 * without one; normal jobs carry none and wait in order. (A priority on every job would cost each add and take
 * five more Redis operations on a sorted set, for an order the list already has.)
 */
const URGENT_PRIORITY = 1;

/**
 * One bull queue per channel account: an account's pace never slows another account, and a paused account
 * holds only its own deliveries. The job id is the delivery id, so a delivery is never queued twice.
 */
export class DeliveryQueues {
  private readonly byAccount = new Map<string, JobQueue<SendDeliveryJob>>();

  constructor(factory: QueueFactory, accounts: readonly DispatchAccount[], options: { lockDurationMs: number }) {
    for (const account of accounts) {
      this.byAccount.set(account.id, factory.queue<SendDeliveryJob>(`dispatch-${account.id}`, { lockDurationMs: options.lockDurationMs }));
    }
  }

  forAccount(account: string): JobQueue<SendDeliveryJob> {
    const queue = this.byAccount.get(account);
    if (!queue) throw new UnknownAccount(account);
    return queue;
  }

  entries(): Array<[string, JobQueue<SendDeliveryJob>]> {
    return [...this.byAccount.entries()];
  }

  /** Queues deliveries that have no job yet (planning); they wait as delayed jobs until `notBefore`. */
  async enqueueNew(deliveries: readonly Delivery[], now: number): Promise<void> {
    const perAccount = new Map<string, Delivery[]>();
    for (const d of deliveries) {
      const list = perAccount.get(d.account);
      if (list) list.push(d);
      else perAccount.set(d.account, [d]);
    }
    await Promise.all(
      [...perAccount].map(([account, list]) => this.forAccount(account).enqueueMany(list.map((d) => ({ data: jobData(d), options: jobOptions(d, now) })))),
    );
  }

  /** Moves a delivery's delayed job to its (new) `notBefore`; a job already running re-reads it when it claims the delivery. */
  async enqueueAt(delivery: Delivery, now: number): Promise<void> {
    await this.forAccount(delivery.account).enqueue(jobData(delivery), { ...jobOptions(delivery, now), replaceDelayed: true });
  }

  /** Queues a delivery again whose job may have finished (retry of a failed one, recovery at start-up). */
  async enqueueAgain(delivery: Delivery, now: number): Promise<void> {
    await this.forAccount(delivery.account).enqueue(
      jobData(delivery),
      { ...jobOptions(delivery, now), replaceFinished: true },
    );
  }
}

function jobData(delivery: Delivery): SendDeliveryJob {
  return {
    deliveryId: delivery.id,
    account: delivery.account,
    parts: Math.max(1, delivery.parts.length - delivery.partsSent),
    ...(delivery.priority === 'urgent' ? { urgent: true } : {}),
  };
}

function jobOptions(delivery: Delivery, now: number): { jobId: string; priority?: number; delayMs: number } {
  return {
    jobId: delivery.id,
    ...(delivery.priority === 'urgent' ? { priority: URGENT_PRIORITY } : {}),
    delayMs: Math.max(0, (delivery.notBefore?.getTime() ?? now) - now),
  };
}
