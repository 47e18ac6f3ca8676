import { Counter, Gauge, type Registry } from 'prom-client';
import type { AccountPauses } from '../chat-accounts/index.js';
import type { DeliveryQueues } from './delivery-queues.js';

export type DeliveryOutcome = 'sent' | 'failed' | 'retried' | 'rate_limited' | 'postponed' | 'expired';

export interface DispatchMetrics {
  outcome(account: string, outcome: DeliveryOutcome, count?: number): void;
}

/**
 * Delivery outcomes counted by this process, and queue depth and paused accounts read from Redis at scrape
 * time, so every process reports the same shared numbers.
 */
export function registerDispatchMetrics(
  registry: Registry,
  queues: DeliveryQueues,
  pauses: AccountPauses,
  sentToday: (account: string) => Promise<number>,
): DispatchMetrics {
  const outcomes = new Counter({
    name: 'sportello_dispatch_deliveries_total',
    help: 'Delivery attempts by account and outcome, in this process',
    labelNames: ['account', 'outcome'],
    registers: [registry],
  });
  new Gauge({
    name: 'sportello_dispatch_queue_jobs',
    help: 'Jobs in each account queue by state',
    labelNames: ['account', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [account, queue] of queues.entries()) {
        const counts = await queue.counts();
        for (const [state, value] of Object.entries(counts)) this.set({ account, state }, value);
      }
    },
  });
  new Gauge({
    name: 'sportello_dispatch_account_paused',
    help: '1 while an account is paused after repeated rate limits, with the reason',
    labelNames: ['account', 'reason'],
    registers: [registry],
    async collect() {
      this.reset();
      const paused = new Map((await pauses.list()).map((p) => [p.account, p.reason]));
      for (const [account] of queues.entries()) this.set({ account, reason: paused.get(account) ?? '' }, paused.has(account) ? 1 : 0);
    },
  });
  new Gauge({
    name: 'sportello_dispatch_account_sent_today',
    help: 'Messages each account sent today (local day of its daily cap), announcements and inbox together',
    labelNames: ['account'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [account] of queues.entries()) this.set({ account }, await sentToday(account));
    },
  });
  return { outcome: (account, outcome, count = 1) => outcomes.inc({ account, outcome }, count) };
}
