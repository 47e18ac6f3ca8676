import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../platform/http/auth-guard.js';
import { parseParams } from '../platform/http/validate.js';
import type { AccountPauses } from './account-pauses.js';
import type { DispatchAccount } from './dispatch-account.js';
import { UnknownAccount } from './dispatch.errors.js';
import { AccountId } from '../platform/account-id.js';

const AccountParams = z.strictObject({ account: AccountId });

export interface AccountStatus {
  account: string;
}

/**
 * `GET /api/v1/connectors`: the connectors' own statuses (given by `main.ts`), with `paused`, its reason and since when
 * while dispatch holds the account.
 * `POST /api/v1/connectors/:account/resume`: an admin lifts an automatic pause; the account's queue resumes.
 */
export function createAccountPausesRoutes<S extends AccountStatus>(deps: {
  pauses: AccountPauses;
  accounts: ReadonlyMap<string, DispatchAccount>;
  statuses: () => S[];
}): Router {
  const router = Router();
  router.get('/', requireRole(['admin', 'editor', 'mediator', 'viewer']), async (_req, res) => {
    const paused = new Map((await deps.pauses.list()).map((p) => [p.account, p]));
    res.json(
      deps.statuses().map((status) => {
        const pause = paused.get(status.account);
        // Present only while paused, like the connectors' own `qr` and `reason`.
        return pause ? { ...status, paused: true, pausedReason: pause.reason, pausedSince: pause.since } : status;
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
