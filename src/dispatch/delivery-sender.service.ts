import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import {
  AccountTurns,
  DAILY_CAP_REACHED,
  HOURLY_CAP_REACHED,
  accountHoldMs,
  inAccountTurn,
  sendFailureOf,
  type AccountPacer,
  type AccountPauses,
  type AccountSender,
  type ContactHourlyLimit,
  type RetryPolicy,
  type SendError,
  type TurnUse,
} from '../chat-accounts/index.js';
import type { ClaimedDelivery } from './delivery.js';
import type { DeliverySending } from './delivery-sending.repository.js';
import type { SendDeliveryJob } from './delivery-queues.js';
import type { DispatchAccount } from './dispatch-account.js';
import { UnknownAccount } from './dispatch.errors.js';
import type { DispatchMetrics } from './dispatch.metrics.js';
import { quietHoursEnd } from './quiet-hours.js';
import type { AnnouncementProgress } from './announcement-progress.js';
import { sendConcurrency } from './processors/send-delivery.processor.js';

/** How long a turn waits for the rest of the jobs bull is handing over (see `AccountTurns`). */
const TURN_GATHER_MS = 5;

export type SendResult = { kind: 'done' } | { kind: 'later'; delayMs: number; reason: string };

export interface DeliverySenderDeps {
  deliveries: DeliverySending;
  gateway: AccountSender;
  pacer: AccountPacer;
  pauses: AccountPauses;
  contactLimit: ContactHourlyLimit;
  accounts: ReadonlyMap<string, DispatchAccount>;
  timeZone: string;
  metrics: DispatchMetrics;
  progress: AnnouncementProgress;
  log: Logger;
}

const DONE: SendResult = { kind: 'done' };
const later = (delayMs: number, reason: string): SendResult => ({ kind: 'later', delayMs, reason });

interface SentLast {
  delivery: ClaimedDelivery;
  last: { partsSent: number; messageId: string; at: Date };
}

/**
 * Sends deliveries within their account's pace, and writes their state before their jobs are acknowledged.
 *
 * The jobs of an account running together in this process share one turn (`AccountTurns`): one pacer turn for
 * all their messages, their claims sent together, their messages one after the other with the account's gap
 * between them, and one write recording every delivery the turn sent. An account with a gap between messages
 * runs one job at a time (see the processor), so its turns hold one delivery each.
 *
 * Guarantee: at-least-once per delivery. A delivery found `sending` belongs to a worker that died between the
 * platform's send and our record of it; it is sent again from its first part not recorded as sent. A citizen may
 * see one message twice in that case, never miss it: for residence-permit deadlines and emergencies a duplicate
 * is the lesser harm, and the window is one turn wide (one delivery, or the few of an account without a gap).
 */
export class DeliverySender {
  private readonly turns = new AccountTurns<SendDeliveryJob & { policy: RetryPolicy }, SendResult>(
    (account, jobs) => this.sendTurn(account, jobs, jobs[0]!.policy),
    { turnSize: (account) => sendConcurrency(this.deps.accounts.get(account)!), gatherMs: TURN_GATHER_MS },
  );

  constructor(private readonly deps: DeliverySenderDeps) {}

  async send(job: SendDeliveryJob, policy: RetryPolicy): Promise<SendResult> {
    if (!this.deps.accounts.has(job.account)) throw new UnknownAccount(job.account);
    return this.turns.join(job.account, { ...job, policy });
  }

  private async sendTurn(accountId: string, jobs: readonly SendDeliveryJob[], policy: RetryPolicy): Promise<SendResult[]> {
    const { pacer } = this.deps;
    const account = this.deps.accounts.get(accountId)!;
    // One urgent job in the turn makes it urgent: the account's other waiting sends (replies, normal notices) let it go first.
    const rank = jobs.some((job) => job.urgent) ? 'urgent' : 'normal';
    const messages = jobs.reduce((sum, job) => sum + (job.parts ?? 1), 0);
    const turn = await inAccountTurn(
      { take: () => pacer.take(account, messages, { rank }), release: (token, use) => pacer.release(account, token, use.sent, use.holdMs) },
      (use) => this.sendInTurn(account, jobs, policy, use),
    );
    if (turn.kind === 'ran') return turn.result;
    // Near a cap, a shared turn could hold back deliveries that fit on their own.
    if (jobs.length > 1 && (turn.reason === DAILY_CAP_REACHED || turn.reason === HOURLY_CAP_REACHED)) return this.oneByOne(accountId, jobs, policy);
    return jobs.map(() => this.postponed(account, turn));
  }

  private async sendInTurn(account: DispatchAccount, jobs: readonly SendDeliveryJob[], policy: RetryPolicy, use: TurnUse): Promise<SendResult[]> {
    const { deliveries, pacer } = this.deps;
    const results: SendResult[] = jobs.map(() => DONE);
    const endsAt = Date.now() + pacer.turnBudgetMs;
    const sent: SentLast[] = [];
    const claims = await deliveries.claim(jobs.map((job) => job.deliveryId));
    for (const [i, job] of jobs.entries()) {
      const claimed = claims.get(job.deliveryId);
      if (!claimed) continue;
      if (claimed.validUntil && claimed.validUntil.getTime() <= Date.now()) {
        results[i] = await this.expired(account, claimed);
        continue;
      }
      const notBefore = this.notBefore(claimed, new Date());
      // A platform that says "too fast" means the account, not one chat: the rest of the turn waits too. A
      // turn that runs past its budget leaves the rest to the next one, before the pacer's lock can expire.
      const wait = use.holdMs > 0 ? { ms: use.holdMs, reason: 'waiting for the account' } : Date.now() > endsAt ? { ms: 0, reason: 'next turn' } : undefined;
      if (notBefore || wait) {
        const until = notBefore ?? new Date(Date.now() + wait!.ms);
        await deliveries.requeue(claimed.id, { notBefore: until, attempt: false });
        results[i] = this.postponed(account, later(until.getTime() - Date.now(), wait?.reason ?? 'not before its time'));
        continue;
      }
      const contactWait = await this.contactWait(account, claimed);
      if (contactWait) {
        await deliveries.requeue(claimed.id, { notBefore: new Date(Date.now() + contactWait), attempt: false });
        results[i] = this.postponed(account, later(contactWait, 'contact hourly limit'));
        continue;
      }
      if (claimed.state === 'sending') {
        this.deps.log.warn({ deliveryId: claimed.id, account: account.id, partsSent: claimed.partsSent }, 'delivery interrupted by a worker crash: sending again');
      }
      try {
        for (let part = claimed.partsSent; part < claimed.parts.length; part += 1) {
          const gap = use.sent > 0 ? pacer.gapMs(account) : 0;
          if (gap > 0) await sleep(gap);
          const sentPart = await this.deps.gateway.send(account.id, { chatId: claimed.chatId, type: claimed.targetKind === 'citizen' ? 'direct' : 'group' }, { text: claimed.parts[part] ?? '' });
          const messageId = sentPart.platformMessageId ?? '';
          use.sent += 1;
          if (part + 1 < claimed.parts.length) await deliveries.recordPartSent(claimed.id, part + 1, messageId);
          else sent.push({ delivery: claimed, last: { partsSent: part + 1, messageId, at: new Date() } });
        }
      } catch (error) {
        const failure = sendFailureOf(error);
        use.holdMs = Math.max(use.holdMs, accountHoldMs(failure));
        results[i] = await this.recordFailure(account, claimed, failure, policy);
      }
    }
    await deliveries.markSent(sent.map(({ delivery, last }) => ({ delivery, ...last })));
    // Once per turn, not per message: a turn of an account without a gap holds dozens of one announcement.
    if (sent.length > 0) this.deps.metrics.outcome(account.id, 'sent', sent.length);
    for (const announcementId of new Set(sent.map(({ delivery }) => delivery.announcementId))) await this.deps.progress.sent(announcementId);
    return results;
  }

  /** A notice into a citizen's own chat counts toward the account's messages per contact and hour; 0 when it fits now. */
  private async contactWait(account: DispatchAccount, delivery: ClaimedDelivery): Promise<number> {
    const limit = account.rateLimit.perContactHourly;
    if (delivery.targetKind !== 'citizen' || !limit) return 0;
    const place = await this.deps.contactLimit.take(account.id, delivery.chatId, limit, Math.min(limit, delivery.parts.length - delivery.partsSent));
    return place.ok ? 0 : place.reopensInMs + 1000;
  }

  /** Checked at send time, whatever the expiry job has done: a notice past its `validUntil` is never sent. */
  private async expired(account: DispatchAccount, delivery: ClaimedDelivery): Promise<SendResult> {
    await this.deps.deliveries.markExpired(delivery.id);
    this.deps.metrics.outcome(account.id, 'expired');
    await this.deps.progress.expired(delivery.announcementId);
    return DONE;
  }

  private async oneByOne(accountId: string, jobs: readonly SendDeliveryJob[], policy: RetryPolicy): Promise<SendResult[]> {
    const results: SendResult[] = [];
    for (const job of jobs) results.push(...(await this.sendTurn(accountId, [job], policy)));
    return results;
  }

  /** Scheduled time, and quiet hours for normal notices (urgent ones go at night too). */
  private notBefore(delivery: ClaimedDelivery, now: Date): Date | undefined {
    const candidates = [delivery.notBefore, delivery.priority === 'normal' ? quietHoursEnd(delivery.quietHours, now, this.deps.timeZone) : undefined];
    const latest = candidates.filter((d): d is Date => d !== undefined && d.getTime() > now.getTime()).sort((a, b) => b.getTime() - a.getTime())[0];
    return latest;
  }

  private postponed(account: DispatchAccount, result: SendResult): SendResult {
    this.deps.metrics.outcome(account.id, 'postponed');
    return result;
  }

  private async recordFailure(account: DispatchAccount, delivery: ClaimedDelivery, failure: SendError, policy: RetryPolicy): Promise<SendResult> {
    const { deliveries, metrics, log } = this.deps;
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
      const delayMs = accountHoldMs(failure);
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
