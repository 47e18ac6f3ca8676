import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../platform/http/auth-guard.js';
import { parseParams } from '../platform/http/validate.js';
import type { AccountPauses } from './account-pauses.js';
import type { PaceStatus } from './account-pacer.js';
import type { DispatchAccount } from './dispatch-account.js';
import { UnknownAccount } from './dispatch.errors.js';
import { AccountId } from '../platform/account-id.js';

const AccountParams = z.strictObject({ account: AccountId });

export interface AccountStatus {
  account: string;
}

/** The budget's state for the console: counts against the caps, and when the account may send next. */
function budgetOf(pace: PaceStatus): Record<string, unknown> {
  const { sentToday: _shownAbove, nextSendInMs, ...rest } = pace;
  return { ...rest, nextSendAt: new Date(Date.now() + nextSendInMs).toISOString() };
}

/**
 * `GET /api/v1/connectors`: the connectors' own statuses (given by `main.ts`), with the messages each account sent
 * today (against its daily cap), `budget` (this hour's count, today's cap while a new number warms up, the next
 * moment it may send), and `paused`, its reason and since when while dispatch holds the account.
 * `POST /api/v1/connectors/:account/resume`: an admin lifts an automatic pause; the account's queue resumes.
 */
export function createAccountPausesRoutes<S extends AccountStatus>(deps: {
  pauses: AccountPauses;
  accounts: ReadonlyMap<string, DispatchAccount>;
  statuses: () => S[];
  /** Where the account's budget stands; undefined for an account dispatch does not pace. */
  paceStatus: (account: string) => Promise<PaceStatus | undefined>;
}): Router {
  const router = Router();
  router.get('/', requireRole(['admin', 'editor', 'mediator', 'viewer']), async (_req, res) => {
    const paused = new Map((await deps.pauses.list()).map((p) => [p.account, p]));
    const statuses = deps.statuses();
    const paces = await Promise.all(statuses.map((status) => deps.paceStatus(status.account)));
    res.json(
      statuses.map((status, i) => {
        const pause = paused.get(status.account);
        const pace = paces[i];
        const withCount = { ...status, sentToday: pace?.sentToday ?? 0, ...(pace ? { budget: budgetOf(pace) } : {}) };
        // Present only while paused, like the connectors' own `qr` and `reason`.
        return pause ? { ...withCount, paused: true, pausedReason: pause.reason, pausedSince: pause.since } : withCount;
      }),
    );
  });
  router.post('/:account/resume', requireRole(['admin'], 'connectors:admin'), async (req, res) => {
    const { account } = parseParams(AccountParams, req);
    if (!deps.accounts.has(account)) throw new UnknownAccount(account);
    const wasPaused = await deps.pauses.resume(account);
    res.json({ account, paused: false, wasPaused });
  });
  return router;
}
