import type { Logger } from 'pino';
import type { Delivery, NewDelivery } from './delivery.js';
import type { AnnouncementDeliveries } from './announcement-deliveries.repository.js';
import type { DeliveryPlanning } from './delivery-planning.repository.js';
import type { DeliveryQueues } from './delivery-queues.js';
import type { DispatchAccount } from './dispatch-account.js';
import type { Channel, SendableAnnouncement } from './sendable-announcement.port.js';
import type { Target, TargetSource } from './target.js';
import { receptionOf } from './reception.js';
import type { AccountSender } from '../chat-accounts/index.js';
import { sharedGroupKey } from './shared-chat-accounts.js';

const ENQUEUE_BATCH = 500;

type Rendered = { parts: string[]; fallback: boolean } | 'waiting' | 'skip';

export interface FanOutDeps {
  deliveries: DeliveryPlanning;
  /** Changes to all of an announcement's deliveries (a new version, a cancel, a new time, a retry). */
  announcementDeliveries: AnnouncementDeliveries;
  targets: readonly TargetSource[];
  queues: DeliveryQueues;
  accounts: ReadonlyMap<string, DispatchAccount>;
  /** The platform's quota of sends into a chat, where it has one (an Official Account's language tag). */
  quota?: NonNullable<AccountSender['massSendQuota']>;
  /** A delivery was refused for its quota: the announcement's progress is checked, as after a failed send. */
  onRefused?: (announcementId: string) => void;
  /** For the group chats on several accounts, which one sends (`SharedChatAccounts`). */
  sharedChats?: (topics: readonly string[]) => Promise<Map<string, string>>;
  log: Logger;
}

/**
 * Plans an announcement's deliveries and queues them. Planning is idempotent: each (version, target) is written
 * once, before its job is queued, so publishing again, approving a translation or recovering from a crash in the
 * middle plans only what is missing and queues only what is not queued yet.
 *
 * A sendable delivery is written `queued` right before its job is added: one write per delivery instead of an
 * insert as `planned` and a second write once queued. A crash between the two leaves `queued` deliveries without
 * a job, which start-up recovery queues again (`recover`); a failed enqueue in a live process puts its
 * deliveries back to `planned`, for the next planning's sweep.
 */
export class FanOutService {
  constructor(private readonly deps: FanOutDeps) {}

  /**
   * Plans every matching target as `receptionOf` says (the reach table's rule): in its language when that
   * translation is approved, with the fallback text when the announcement is urgent, as `waiting_translation` when
   * its language was chosen and is not approved yet (a later call plans it once approved), and not at all when
   * nobody chose its language.
   */
  async plan(announcement: SendableAnnouncement): Promise<void> {
    const { deliveries } = this.deps;
    await this.deps.announcementDeliveries.supersede(announcement.id, announcement.version);
    const render = this.renderer(announcement);
    const shared = (await this.deps.sharedChats?.(announcement.topics)) ?? new Map<string, string>();
    for (const source of this.deps.targets) {
      for await (const page of source.matching(announcement.topics)) {
        const planned = page.flatMap((target) => {
          const sender = target.kind === 'group' ? shared.get(target.chatId) : undefined;
          if (sender && sender !== target.account) return [];
          return this.planFor(announcement, sender ? { ...target, key: sharedGroupKey(target.chatId) } : target, render) ?? [];
        });
        const written = await deliveries.insertPlanned(planned);
        // Queue page by page, so the first messages leave while the rest is still being planned; what an
        // earlier, interrupted planning left `planned` is queued by the sweep below.
        await this.enqueueWritten(written.filter((d) => d.state === 'queued'));
      }
    }
    for (const waiting of await deliveries.waitingLanguages(announcement.id, announcement.version)) {
      const parts = render(waiting.language, waiting.channel, waiting.kind);
      if (typeof parts === 'object') await deliveries.planWaiting({ announcementId: announcement.id, version: announcement.version, ...waiting }, parts.parts);
    }
    await this.enqueuePlanned(announcement.id, announcement.version);
  }

  /** Stops what has not been sent; the jobs left in the queues find their deliveries cancelled and do nothing. */
  async cancel(announcementId: string): Promise<void> {
    const cancelled = await this.deps.announcementDeliveries.cancelPending(announcementId);
    this.deps.log.info({ announcementId, cancelled }, 'pending deliveries cancelled');
  }

  /**
   * Published again with another `scheduledAt` (earlier or later): what is not sent yet moves to the new time,
   * jobs included, so the new time wins and nothing goes at the old one. Deliveries are not re-planned, so none
   * is sent twice.
   */
  async reschedule(announcement: SendableAnnouncement): Promise<void> {
    if (!announcement.scheduledAt) return;
    const moved = await this.deps.announcementDeliveries.reschedule(announcement.id, announcement.version, announcement.scheduledAt);
    const now = Date.now();
    for (const delivery of moved) await this.deps.queues.enqueueAt(delivery, now);
    if (moved.length > 0) this.deps.log.info({ announcementId: announcement.id, moved: moved.length, scheduledAt: announcement.scheduledAt }, 'deliveries moved to the new scheduled time');
  }

  /** Failed deliveries are queued again with fresh attempts. */
  async retryFailed(announcementId: string): Promise<Delivery[]> {
    const requeued = await this.deps.announcementDeliveries.requeueFailed(announcementId);
    for (const delivery of requeued) await this.deps.queues.enqueueAgain(delivery, Date.now());
    return requeued;
  }

  /**
   * At worker start: queues what a crash left unqueued (`planned`) and re-adds jobs lost or finished for
   * deliveries still `queued` or `sending` (a job that still exists is left alone, bull dedupes by id).
   */
  async recover(): Promise<number> {
    let count = 0;
    for await (const page of this.deps.deliveries.unfinished()) {
      const now = Date.now();
      await this.enqueue(page.filter((d) => d.state === 'planned'));
      for (const delivery of page.filter((d) => d.state !== 'planned')) await this.deps.queues.enqueueAgain(delivery, now);
      count += page.length;
    }
    if (count > 0) this.deps.log.info({ deliveries: count }, 'unfinished deliveries queued again at start-up');
    return count;
  }

  private async enqueuePlanned(announcementId: string, version: number): Promise<void> {
    for (;;) {
      const batch = await this.deps.deliveries.planned(announcementId, version, ENQUEUE_BATCH);
      if (batch.length === 0) return;
      await this.enqueue(batch);
    }
  }

  /** Deliveries just written `queued`: their jobs are added, or they go back to `planned` if that fails. */
  private async enqueueWritten(written: readonly Delivery[]): Promise<void> {
    const queued = await this.withinQuota(written);
    if (queued.length === 0) return;
    try {
      await this.deps.queues.enqueueNew(queued, Date.now());
    } catch (error) {
      await this.deps.deliveries.markPlanned(queued.map((d) => d.id));
      throw error;
    }
  }

  private async enqueue(all: readonly Delivery[]): Promise<void> {
    const planned = await this.withinQuota(all);
    if (planned.length === 0) return;
    await this.deps.queues.enqueueNew(planned, Date.now());
    await this.deps.deliveries.markQueued(planned.map((d) => d.id));
  }

  /**
   * Refuses, before anything is sent, the deliveries into a chat whose quota is spent: they end `failed` with the
   * platform's reason for staff. The connector counts again as it sends (two announcements planned together both
   * see the last one left), so this spares a doomed attempt; it is not the guard.
   */
  private async withinQuota(deliveries: readonly Delivery[]): Promise<Delivery[]> {
    const quota = this.deps.quota;
    if (!quota) return [...deliveries];
    const allowed: Delivery[] = [];
    for (const delivery of deliveries) {
      const left = delivery.targetKind === 'group' ? await quota(delivery.account, delivery.chatId) : undefined;
      if (!left || left.left > 0) allowed.push(delivery);
      else {
        await this.deps.deliveries.refuseBeforeSending(delivery.id, left.refusal);
        this.deps.onRefused?.(delivery.announcementId);
      }
    }
    return allowed;
  }

  /** The parts for a target, `waiting` until its language is approved, or `skip` when its language was not chosen. */
  private renderer(announcement: SendableAnnouncement) {
    const cache = new Map<string, Rendered>();
    return (language: string, channel: Channel, kind: Target['kind']): Rendered => {
      const key = `${language}\u0000${channel}\u0000${kind}`;
      if (!cache.has(key)) {
        const reception = receptionOf(announcement, language);
        cache.set(
          key,
          reception === 'translation' || reception === 'urgent_fallback'
            ? { parts: announcement.render(language, channel, kind), fallback: reception === 'urgent_fallback' }
            : reception === 'after_translation'
              ? 'waiting'
              : 'skip',
        );
      }
      return cache.get(key)!;
    };
  }

  private planFor(
    announcement: SendableAnnouncement,
    target: Target,
    render: (language: string, channel: Channel, kind: Target['kind']) => Rendered,
  ): NewDelivery | undefined {
    const account = this.deps.accounts.get(target.account);
    if (!account) {
      this.deps.log.warn({ account: target.account, target: target.key }, 'target on an account that is not configured: skipped');
      return undefined;
    }
    const rendered = render(target.language, account.channel, target.kind);
    if (rendered === 'skip') return undefined;
    const content = rendered === 'waiting' ? undefined : rendered;
    const now = new Date();
    return {
      announcementId: announcement.id,
      announcementVersion: announcement.version,
      targetKey: target.key,
      targetKind: target.kind,
      account: account.id,
      chatId: target.chatId,
      channel: account.channel,
      language: target.language,
      fallback: content?.fallback ?? false,
      priority: announcement.priority,
      parts: content?.parts ?? [],
      state: content ? 'queued' : 'waiting_translation',
      plannedAt: now,
      ...(announcement.scheduledAt ? { notBefore: announcement.scheduledAt, scheduledAt: announcement.scheduledAt } : {}),
      ...(announcement.validUntil ? { validUntil: announcement.validUntil } : {}),
      ...(target.quietHours ? { quietHours: target.quietHours } : {}),
      ...(target.keepDeliveriesMs ? { expireAt: new Date(now.getTime() + target.keepDeliveriesMs) } : {}),
    };
  }
}
