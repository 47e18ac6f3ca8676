import type { Connection } from 'mongoose';
import type { ReachCounter, TargetSource } from './target.js';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Router } from 'express';
import type { QueueFactory } from '../platform/queue/job-queue.port.js';
import type { AccountSender, ChatAccounts } from '../chat-accounts/index.js';
import { createAccountPausesRoutes, type AccountStatus } from './account-pauses.routes.js';
import { createDeliveriesRoutes } from './deliveries.routes.js';
import { DeliveryQueues } from './delivery-queues.js';
import { DeliveryLedger } from './delivery-ledger.js';
import { DeliverySender } from './delivery-sender.service.js';
import type { DispatchAccount } from './dispatch-account.js';
import { UnknownAccount } from './dispatch.errors.js';
import { registerDispatchMetrics } from './dispatch.metrics.js';
import { FanOutService } from './fan-out.service.js';
import { FanOutEstimate } from './fan-out-estimate.js';
import { SharedChatAccounts } from './shared-chat-accounts.js';
import { GroupRepository } from './group.repository.js';
import type { GroupInput } from './group.js';
import type { Delivery, PlatformReport } from './delivery.js';
import { createGroupsRoutes } from './groups.routes.js';
import { GroupsService } from './groups.service.js';
import { registerSendDeliveryProcessor, sendConcurrency } from './processors/send-delivery.processor.js';
import type { AnnouncementStatusPort, SendableAnnouncement } from './sendable-announcement.port.js';
import { AnnouncementProgress } from './announcement-progress.js';
import { AnnouncementExpiry } from './announcement-expiry.js';
import { registerExpireAnnouncementProcessor } from './processors/expire-announcement.processor.js';
import type { DispatchLive } from './dispatch-live.port.js';

export type { AnnouncementStatusPort, Channel, SendableAnnouncement } from './sendable-announcement.port.js';
export type { DispatchAccount } from './dispatch-account.js';
export type { GroupInput } from './group.js';
export type { ReachCounter, Target, TargetSource } from './target.js';
export { dispatchOpenApi } from './dispatch.openapi.js';
export type { DispatchLive } from './dispatch-live.port.js';
export { sendConcurrency } from './processors/send-delivery.processor.js';

export interface DispatchDeps {
  db: Connection;
  queues: QueueFactory;
  gateway: AccountSender;
  announcementStatus: AnnouncementStatusPort;
  accounts: readonly DispatchAccount[];
  /** Wall clock of quiet hours and daily caps. */
  timeZone: string;
  /** How long a dead worker keeps its job before another process takes over. */
  lockMs: number;
  /** The accounts' shared pace, pauses and per-contact limit; dispatch registers its account queues with the pauses. */
  chatAccounts: ChatAccounts;
  /** Open consoles hear of groups and delivery progress (the live event stream). */
  live?: DispatchLive;
  metrics: Registry;
  log: Logger;
}

export interface Dispatch {
  routes: { groups: Router; deliveries: Router; accounts(statuses: () => AccountStatus[]): Router };
  /**
   * Plans (or completes the plan of) a published announcement, see `FanOutService.plan`, moves what is not sent
   * yet when it was published again for another time, and queues its expiry at `validUntil`. Past `validUntil` it plans nothing (a language approved too late is not sent).
   */
  plan(announcement: SendableAnnouncement): Promise<void>;
  /** Cancels what has not been sent; sent deliveries stay listed. */
  cancel(announcementId: string): Promise<void>;
  /**
   * Targets besides the groups registry (the inbox's subscribed citizens), and how many they are per language:
   * the inbox sits above dispatch and registers them once it exists, so nothing passes a closure both ways.
   */
  addTargetSource(source: { targets: TargetSource; reach: ReachCounter }): void;
  registerGroups(groups: readonly GroupInput[]): Promise<number>;
  /** The language of a registered group chat (the inbox routes group mentions by it). */
  groupLanguage(account: string, chatId: string): Promise<string | undefined>;
  /** Deliveries into one chat: a citizen's export and erasure cover those into their direct chat. */
  deliveriesToChat(account: string, chatId: string): Promise<Delivery[]>;
  eraseDeliveriesToChat(account: string, chatId: string): Promise<number>;
  /**
   * What a platform reported later about the delivery that carried `messageId` (a WeChat mass send's sent and
   * error counts); resolves to the number of deliveries updated.
   */
  recordPlatformReport(account: string, messageId: string, report: Omit<PlatformReport, 'at'>): Promise<number>;
  /** Of an announcement's deliveries that went or failed, how many, and the failed ones per platform reason. */
  failureReport(announcementId: string): Promise<{ attempted: number; failed: Array<{ reason: string; count: number }> }>;
  /** Registers the send processor on every account queue and queues again what a crash left behind. */
  startWorkers(): Promise<void>;
  /** Stops taking jobs and waits for the sends in flight; the queue factory closes the connections later. */
  stop(): Promise<void>;
}

/** Dispatch: community groups, fan-out of announcements into per-target deliveries, and their paced sending. */
export async function createDispatch(deps: DispatchDeps): Promise<Dispatch> {
  const accounts = new Map(deps.accounts.map((a) => [a.id, a]));
  const groupRepository = new GroupRepository(deps.db);
  const ledger = new DeliveryLedger(deps.db);
  await Promise.all([groupRepository.init(), ledger.init()]);
  const queues = new DeliveryQueues(deps.queues, deps.accounts, { lockDurationMs: deps.lockMs });
  const { pacer, pauses, contactLimit } = deps.chatAccounts;
  pauses.controlQueues({ pause: (account) => queues.forAccount(account).pause(), resume: (account) => queues.forAccount(account).resume() });
  const metrics = registerDispatchMetrics(deps.metrics, queues, pauses, (account) => pacer.sentToday(account));
  const quota = deps.gateway.massSendQuota?.bind(deps.gateway);
  // The groups registry, then the sources registered later by the features above dispatch (`addTargetSource`).
  const targets: TargetSource[] = [groupRepository];
  const reachCounters: ReachCounter[] = [];
  const estimate = new FanOutEstimate({ targets, deliveries: ledger.reports, queues, pacer, accounts, timeZone: deps.timeZone });
  const sharedChats = new SharedChatAccounts({ groups: groupRepository, estimate });
  const groups = new GroupsService({ groups: groupRepository, gateway: deps.gateway, accounts, citizensReach: async (topics) => (await Promise.all(reachCounters.map((count) => count(topics)))).flat(), ...(deps.live ? { onChanged: deps.live.group } : {}) });
  const progress = new AnnouncementProgress({ deliveries: ledger.reports, status: deps.announcementStatus, ...(deps.live ? { onProgress: deps.live.deliveryProgress } : {}), log: deps.log });
  const fanOut = new FanOutService({
    deliveries: ledger.planning,
    announcementDeliveries: ledger.announcements,
    targets,
    queues,
    accounts,
    ...(quota ? { quota, onRefused: (id: string) => progress.failed(id) } : {}),
    sharedChats: (topics) => sharedChats.choose(topics),
    log: deps.log,
  });
  const expiry = new AnnouncementExpiry(deps.queues, { deliveries: ledger.announcements, status: deps.announcementStatus, log: deps.log });
  const accountOf = (id: string): DispatchAccount => {
    const account = accounts.get(id);
    if (!account) throw new UnknownAccount(id);
    return account;
  };
  const sender = new DeliverySender({ deliveries: ledger.sending, gateway: deps.gateway, pacer, pauses, contactLimit, accounts, timeZone: deps.timeZone, metrics, progress, log: deps.log });

  return {
    routes: {
      groups: createGroupsRoutes(groups, estimate),
      deliveries: createDeliveriesRoutes({ deliveries: ledger.reports, fanOut, estimate }),
      accounts: (statuses) => createAccountPausesRoutes({ pauses, accounts, statuses, paceStatus: async (account) => (accounts.has(account) ? pacer.status(accountOf(account)) : undefined) }),
    },
    async plan(announcement) {
      const now = Date.now();
      if (announcement.validUntil && announcement.validUntil.getTime() <= now) return;
      await expiry.schedule(announcement, now);
      await fanOut.reschedule(announcement);
      await fanOut.plan(announcement);
      deps.live?.deliveryProgress(announcement.id);
    },
    async cancel(announcementId) {
      await fanOut.cancel(announcementId);
      deps.live?.deliveryProgress(announcementId);
    },
    addTargetSource(source) {
      targets.push(source.targets);
      reachCounters.push(source.reach);
    },
    registerGroups: (list) => groups.registerMissing(list),
    groupLanguage: (account, chatId) => groupRepository.languageOf(account, chatId),
    deliveriesToChat: (account, chatId) => ledger.chats.toChat(account, chatId),
    eraseDeliveriesToChat: (account, chatId) => ledger.chats.removeToChat(account, chatId),
    recordPlatformReport: (account, messageId, report) => ledger.reports.recordPlatformReport(account, messageId, { ...report, at: new Date() }),
    failureReport: (announcementId) => ledger.reports.failureReport(announcementId),
    async startWorkers() {
      for (const [account, queue] of queues.entries()) registerSendDeliveryProcessor(queue, sender, deps.log, sendConcurrency(accounts.get(account)!));
      registerExpireAnnouncementProcessor(expiry.queue, expiry, deps.log);
      await fanOut.recover();
    },
    async stop() {
      await Promise.all([...queues.entries().map(([, queue]) => queue.close()), expiry.queue.close()]);
      progress.stop();
    },
  };
}
