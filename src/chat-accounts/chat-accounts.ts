import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ProcessLiveness } from '../platform/redis/process-liveness.js';
import { SendError } from '../connectors/index.js';
import { answerPaceOf, type AccountPace } from './account-pace.js';
import { AccountPacer, type PacedAccount } from './account-pacer.js';
import { AccountPauses } from './account-pauses.js';
import { ContactHourlyLimit } from './contact-hourly-limit.js';

export interface ChatAccountsDeps {
  redis: Redis;
  accounts: readonly PacedAccount[];
  /** Wall clock of daily caps. */
  timeZone: string;
  /** How long a dead worker keeps its account's turn before another process takes over. */
  lockMs: number;
  /** With it, the turn of a process known dead is taken over at once instead. */
  liveness?: ProcessLiveness;
  pauseAfterRateLimits: number;
  pauseWindowMs: number;
  /** An account was paused after repeated rate limits: someone must look at it (admins are e-mailed). */
  onAccountPaused?: (account: string, reason: string) => void;
  log: Logger;
}

/**
 * What every feature that sends shares per account, created once by `main.ts` and handed to dispatch and the
 * inbox alike, so neither reaches into the other for the account's pace.
 */
export interface ChatAccounts {
  readonly pacer: AccountPacer;
  /** Dispatch registers its account queues with them (`controlQueues`): a pause stops them in every process. */
  readonly pauses: AccountPauses;
  readonly contactLimit: ContactHourlyLimit;
  /** The inbox's answers and automatic replies, in the same turns as notices. */
  readonly answerPace: AccountPace;
  /** The account's configuration; an account not configured is a permanent send failure. */
  accountOf(id: string): PacedAccount;
}

export function createChatAccounts(deps: ChatAccountsDeps): ChatAccounts {
  const accounts = new Map(deps.accounts.map((account) => [account.id, account]));
  const accountOf = (id: string): PacedAccount => {
    const account = accounts.get(id);
    if (!account) throw new SendError('permanent', `account ${id} is not configured`);
    return account;
  };
  const pacer = new AccountPacer(deps.redis, { lockMs: deps.lockMs, timeZone: deps.timeZone, ...(deps.liveness ? { liveness: deps.liveness } : {}) });
  const pauses = new AccountPauses(deps.redis, {
    pauseAfterRateLimits: deps.pauseAfterRateLimits,
    windowMs: deps.pauseWindowMs,
    ...(deps.onAccountPaused ? { onPaused: deps.onAccountPaused } : {}),
  });
  const answerPace = answerPaceOf(pacer, pauses, accountOf, (account) => deps.log.warn({ account }, 'account paused after repeated rate limits'));
  return { pacer, pauses, contactLimit: new ContactHourlyLimit(deps.redis), answerPace, accountOf };
}
