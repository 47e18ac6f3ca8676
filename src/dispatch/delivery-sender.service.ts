import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { AccountPacer, PacerRank } from './account-pacer.js';
import type { AccountPauses } from './account-pauses.js';
import { ChatSendFailed, type ChatGateway } from './chat-gateway.port.js';
import type { Delivery } from './delivery.js';
import type { DeliveryRepository } from './delivery.repository.js';
import type { SendDeliveryJob } from './delivery-queues.js';
import type { DispatchAccount } from './dispatch-account.js';
import { UnknownAccount } from './dispatch.errors.js';
import type { DispatchMetrics } from './dispatch.metrics.js';
import { quietHoursEnd } from './quiet-hours.js';
import type { AnnouncementProgress } from './announcement-progress.js';

/** Waits up to this long for the account's turn inside the job; longer waits go back to the queue as delayed jobs. */
const MAX_INLINE_WAIT_MS = 15_000;
/** When a platform says "rate limited" without saying for how long. */
const DEFAULT_RETRY_AFTER_MS = 60_000;

export interface RetryPolicy {
  /** Send attempts (transient failures) before a delivery is `failed`. */
  maxAttempts: number;
  backoffMs(attempt: number): number;
}

export type SendResult = { kind: 'done' } | { kind: 'later'; delayMs: number; reason: string };

export interface DeliverySenderDeps {
  deliveries: DeliveryRepository;
  gateway: ChatGateway;
  pacer: AccountPacer;
  pauses: AccountPauses;
  accounts: ReadonlyMap<string, DispatchAccount>;
  timeZone: string;
  metrics: DispatchMetrics;
  progress: AnnouncementProgress;
  log: Logger;
}

const DONE: SendResult = { kind: 'done' };
const later = (delayMs: number, reason: string): SendResult => ({ kind: 'later', delayMs, reason });

/**
 * Sends one delivery, within its account's pace, and writes its state before the job is acknowledged.
 *
 * Guarantee: at-least-once per delivery. A delivery found `sending` belongs to a worker that died between the
 * platform's send and our record of it; it is sent again from its first part not recorded as sent. A citizen may
 * see one message twice in that case, never miss it: for residence-permit deadlines and emergencies a duplicate
 * is the lesser harm, and the window is one round trip wide.
 */
export class DeliverySender {
  constructor(private readonly deps: DeliverySenderDeps) {}

  async send(job: SendDeliveryJob, policy: RetryPolicy): Promise<SendResult> {
    const { deliveries, pacer, accounts } = this.deps;
    const account = accounts.get(job.account);
    if (!account) throw new UnknownAccount(job.account);

    // The turn comes first so that a delivery is `sending` only around the platform call; a turn in which
    // nothing is sent (cancelled, postponed) does not move the account's next slot.
    const turn = await this.takeTurn(account, job.parts ?? 1, job.urgent ? 'urgent' : 'normal');
    if (turn.kind === 'later') return this.postponed(account, turn);
    let sentNow = 0;
    let holdAccountMs = 0;
    try {
      const claimed = await deliveries.claim(job.deliveryId);
      if (!claimed) return DONE;
      if (claimed.validUntil && claimed.validUntil.getTime() <= Date.now()) return await this.expired(account, claimed);
      const notBefore = this.notBefore(claimed, new Date());
      if (notBefore) {
        await deliveries.requeue(claimed.id, { notBefore, attempt: false });
        return this.postponed(account, later(notBefore.getTime() - Date.now(), 'not before its time'));
      }
      if (claimed.state === 'sending') {
        this.deps.log.warn({ deliveryId: claimed.id, account: account.id, partsSent: claimed.partsSent }, 'delivery interrupted by a worker crash: sending again');
      }
      try {
        for (let part = claimed.partsSent; part < claimed.parts.length; part += 1) {
          if (sentNow > 0) await sleep(pacer.gapMs(account));
          const { messageId } = await this.deps.gateway.send(account.id, { chatId: claimed.chatId, type: 'group' }, claimed.parts[part] ?? '');
          sentNow += 1;
          if (part + 1 < claimed.parts.length) await deliveries.recordPartSent(claimed.id, part + 1, messageId);
          else await deliveries.markSent(claimed.id, { partsSent: part + 1, messageId, at: new Date() });
        }
      } catch (error) {
        // A platform that says "too fast" means the account, not this chat: every send on it waits.
        if (error instanceof ChatSendFailed && error.kind === 'rate_limited') holdAccountMs = error.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
        return await this.recordFailure(account, claimed, error, policy);
      }
      this.deps.metrics.outcome(account.id, 'sent');
      await this.deps.progress.sent(claimed.announcementId);
      return DONE;
    } finally {
      await pacer.release(account, turn.token, sentNow, holdAccountMs);
    }
  }

  /** Checked at send time, whatever the expiry job has done: a notice past its `validUntil` is never sent. */
  private async expired(account: DispatchAccount, delivery: Delivery): Promise<SendResult> {
    await this.deps.deliveries.markExpired(delivery.id);
    this.deps.metrics.outcome(account.id, 'expired');
    await this.deps.progress.expired(delivery.announcementId);
    return DONE;
  }

  /** Scheduled time, and quiet hours for normal notices (urgent ones go at night too). */
  private notBefore(delivery: Delivery, now: Date): Date | undefined {
    const candidates = [delivery.notBefore, delivery.priority === 'normal' ? quietHoursEnd(delivery.quietHours, now, this.deps.timeZone) : undefined];
    const latest = candidates.filter((d): d is Date => d !== undefined && d.getTime() > now.getTime()).sort((a, b) => b.getTime() - a.getTime())[0];
    return latest;
  }

  private async takeTurn(account: DispatchAccount, messages: number, rank: PacerRank): Promise<{ kind: 'go'; token: string } | Extract<SendResult, { kind: 'later' }>> {
    for (;;) {
      const turn = await this.deps.pacer.take(account, messages, { rank });
      if (turn.kind === 'go') return turn;
      if (turn.kind === 'daily_cap') return { kind: 'later', delayMs: turn.reopensInMs + 1000, reason: 'daily cap reached' };
      if (turn.ms > MAX_INLINE_WAIT_MS) return { kind: 'later', delayMs: turn.ms, reason: 'waiting for the account' };
      await sleep(turn.ms);
    }
  }

  private postponed(account: DispatchAccount, result: SendResult): SendResult {
    this.deps.metrics.outcome(account.id, 'postponed');
    return result;
  }

  private async recordFailure(account: DispatchAccount, delivery: Delivery, error: unknown, policy: RetryPolicy): Promise<SendResult> {
    const { deliveries, metrics, log } = this.deps;
    const failure = error instanceof ChatSendFailed ? error : new ChatSendFailed('transient', (error as Error).message || 'send failed');
    const attempt = delivery.attempts + 1;
    if (failure.kind === 'permanent' || (failure.kind === 'transient' && attempt >= policy.maxAttempts)) {
      const reason = failure.kind === 'permanent' ? failure.reason : `${failure.reason} (after ${attempt} attempts)`;
      await deliveries.markFailed(delivery.id, reason);
      metrics.outcome(account.id, 'failed');
      this.deps.progress.failed(delivery.announcementId);
      log.info({ deliveryId: delivery.id, account: account.id, kind: failure.kind, attempts: attempt }, 'delivery failed');
      return DONE;
    }
    if (failure.kind === 'rate_limited') {
      const delayMs = failure.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
      await deliveries.requeue(delivery.id, { notBefore: new Date(Date.now() + delayMs), reason: failure.reason, attempt: false });
      metrics.outcome(account.id, 'rate_limited');
      if (await this.deps.pauses.recordRateLimit(account.id)) log.warn({ account: account.id }, 'account paused after repeated rate limits');
      return later(delayMs, failure.reason);
    }
    const delayMs = policy.backoffMs(attempt);
    await deliveries.requeue(delivery.id, { notBefore: new Date(Date.now() + delayMs), reason: failure.reason, attempt: true });
    metrics.outcome(account.id, 'retried');
    return later(delayMs, failure.reason);
  }
}
