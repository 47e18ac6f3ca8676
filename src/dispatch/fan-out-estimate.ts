import { estimateLastSendAt, meanGapMs, type AccountPacer } from '../chat-accounts/index.js';
import type { DeliveryQueues } from './delivery-queues.js';
import type { DeliveryReports } from './delivery-reports.repository.js';
import type { DispatchAccount } from './dispatch-account.js';
import { untilLocalMidnightMs } from './quiet-hours.js';
import type { TargetSource } from './target.js';

export interface PlannedEstimate {
  account: string;
  /** The notice's deliveries on the account. */
  deliveries: number;
  /** Jobs already waiting on the account that go before a normal notice (none before an urgent one). */
  ahead: number;
  /** When the last of them should go, at the account's average pace within its caps. */
  lastSendAt: string;
}

export interface SendingEstimate {
  account: string;
  sent: number;
  remaining: number;
  lastSendAt: string;
}

/**
 * "Last group at about 11:40", per account: before publishing (from the targets the notice would reach) and while
 * it sends (from its deliveries not sent yet). One message per delivery: a long text split in parts takes longer.
 */
export class FanOutEstimate {
  constructor(
    private readonly deps: {
      targets: readonly TargetSource[];
      deliveries: DeliveryReports;
      queues: DeliveryQueues;
      pacer: AccountPacer;
      accounts: ReadonlyMap<string, DispatchAccount>;
      timeZone: string;
    },
  ) {}

  async beforePublishing(query: { topics: readonly string[]; languages?: readonly string[]; urgent: boolean }): Promise<PlannedEstimate[]> {
    const perAccount = new Map<string, number>();
    // A group on several accounts gets one delivery (see `SharedChatAccounts`): counted once, on the first found.
    const groupChats = new Set<string>();
    for (const source of this.deps.targets) {
      for await (const page of source.matching(query.topics)) {
        for (const target of page) {
          if (query.languages && !query.languages.includes(target.language)) continue;
          if (target.kind === 'group') {
            if (groupChats.has(target.chatId)) continue;
            groupChats.add(target.chatId);
          }
          perAccount.set(target.account, (perAccount.get(target.account) ?? 0) + 1);
        }
      }
    }
    const now = Date.now();
    return Promise.all(
      [...perAccount].filter(([account]) => this.deps.accounts.has(account)).sort(([a], [b]) => a.localeCompare(b)).map(async ([account, deliveries]) => {
        const counts = query.urgent ? undefined : await this.deps.queues.forAccount(account).counts();
        const ahead = counts ? counts.waiting + counts.active : 0;
        return { account, deliveries, ahead, lastSendAt: await this.lastSendAt(account, ahead + deliveries, now) };
      }),
    );
  }

  async whileSending(announcementId: string): Promise<SendingEstimate[]> {
    const now = Date.now();
    const rows = await this.deps.deliveries.progressByAccount(announcementId);
    return Promise.all(
      rows.filter((row) => this.deps.accounts.has(row.account)).map(async (row) => ({
        ...row,
        lastSendAt: row.remaining > 0 ? await this.lastSendAt(row.account, row.remaining, now) : (row.lastSentAt ?? new Date(now)).toISOString(),
      })),
    ).then((items) => items.map(({ lastSentAt: _known, ...item }) => item));
  }

  /**
   * An account as the choice of a shared group's sender sees it: the jobs waiting on it, its average gap, and when
   * it would send its next message after `queued` more.
   */
  async paceOf(accountId: string): Promise<{ ahead: number; meanGapMs: number; freesAt: (queued: number) => number } | undefined> {
    const account = this.deps.accounts.get(accountId);
    if (!account) return undefined;
    const [pace, counts] = await Promise.all([this.deps.pacer.status(account), this.deps.queues.forAccount(accountId).counts()]);
    const now = Date.now();
    return {
      ahead: counts.waiting + counts.active,
      meanGapMs: meanGapMs(account.rateLimit),
      freesAt: (queued) => estimateLastSendAt({ now, messages: queued + 1, budget: account.rateLimit, pace, perMessageMs: pace.perMessageMs, untilMidnightMs: (t) => untilLocalMidnightMs(new Date(t), this.deps.timeZone) }),
    };
  }

  private async lastSendAt(accountId: string, messages: number, now: number): Promise<string> {
    const account = this.deps.accounts.get(accountId)!;
    const pace = await this.deps.pacer.status(account);
    const at = estimateLastSendAt({ now, messages, budget: account.rateLimit, pace, perMessageMs: pace.perMessageMs, untilMidnightMs: (t) => untilLocalMidnightMs(new Date(t), this.deps.timeZone) });
    return new Date(at).toISOString();
  }
}
