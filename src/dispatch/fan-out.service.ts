import type { Logger } from 'pino';
import type { Delivery, NewDelivery } from './delivery.js';
import type { DeliveryRepository } from './delivery.repository.js';
import type { DeliveryQueues } from './delivery-queues.js';
import type { DispatchAccount } from './dispatch-account.js';
import type { Channel, SendableAnnouncement } from './sendable-announcement.port.js';
import type { Target, TargetSource } from './target.js';
import { receptionOf } from './reception.js';

const ENQUEUE_BATCH = 500;

type Rendered = { parts: string[]; fallback: boolean } | 'waiting' | 'skip';

export interface FanOutDeps {
  deliveries: DeliveryRepository;
  targets: readonly TargetSource[];
  queues: DeliveryQueues;
  accounts: ReadonlyMap<string, DispatchAccount>;
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
    await deliveries.supersede(announcement.id, announcement.version);
    const render = this.renderer(announcement);
    for (const source of this.deps.targets) {
      for await (const page of source.matching(announcement.topics)) {
        const planned = page.flatMap((target) => this.planFor(announcement, target, render) ?? []);
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
    const cancelled = await this.deps.deliveries.cancelPending(announcementId);
    this.deps.log.info({ announcementId, cancelled }, 'pending deliveries cancelled');
  }

  /**
   * Published again with another `scheduledAt` (earlier or later): what is not sent yet moves to the new time,
   * jobs included, so the new time wins and nothing goes at the old one. Deliveries are not re-planned, so none
   * is sent twice.
   */
  async reschedule(announcement: SendableAnnouncement): Promise<void> {
    if (!announcement.scheduledAt) return;
    const moved = await this.deps.deliveries.reschedule(announcement.id, announcement.version, announcement.scheduledAt);
    const now = Date.now();
    for (const delivery of moved) await this.deps.queues.enqueueAt(delivery, now);
    if (moved.length > 0) this.deps.log.info({ announcementId: announcement.id, moved: moved.length, scheduledAt: announcement.scheduledAt }, 'deliveries moved to the new scheduled time');
  }

  /** Failed deliveries are queued again with fresh attempts. */
  async retryFailed(announcementId: string): Promise<Delivery[]> {
    const requeued = await this.deps.deliveries.requeueFailed(announcementId);
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
  private async enqueueWritten(queued: readonly Delivery[]): Promise<void> {
    if (queued.length === 0) return;
    try {
      await this.deps.queues.enqueueNew(queued, Date.now());
    } catch (error) {
      await this.deps.deliveries.markPlanned(queued.map((d) => d.id));
      throw error;
    }
  }

  private async enqueue(planned: readonly Delivery[]): Promise<void> {
    if (planned.length === 0) return;
    await this.deps.queues.enqueueNew(planned, Date.now());
    await this.deps.deliveries.markQueued(planned.map((d) => d.id));
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
