import type { AccountPacer, PacedAccount } from './account-pacer.js';
import type { AccountPauses } from './account-pauses.js';

/** A turn on the account: `go` with a token to give back, or look again in `ms`. */
export type PaceTurn = { kind: 'go'; token: string } | { kind: 'wait'; ms: number };

/**
 * The account's one pace as the inbox's answers take it: one send at a time across every process, shared with
 * notices. Answers go ahead of normal notices (urgent ones go first) and count toward the daily cap without being
 * held by it: a citizen's answer must not wait for tomorrow because a large notice used up today.
 */
export interface AccountPace {
  /**
   * `automatic`: an acknowledgement or a keyword's confirmation. They go with the answers only for a bounded share
   * of the account's turns and after notices beyond it, so one citizen's burst of keywords never holds a notice back.
   */
  take(account: string, automatic?: boolean): Promise<PaceTurn>;
  /** Ends the turn; `sent` messages space the next turn, `holdMs` (a platform's retry-after) holds the account. */
  release(account: string, token: string, sent: number, holdMs?: number): Promise<void>;
}

/** How often a waiting answer looks again at a paused account (an admin resumes it by hand). */
const PAUSED_RECHECK_MS = 5_000;

/** The pace of answers over the accounts' pacer; a paused account sends nothing, answers included. */
export function answerPaceOf(pacer: AccountPacer, pauses: AccountPauses, accountOf: (id: string) => PacedAccount, onPaused: (account: string) => void): AccountPace {
  return {
    async take(account, automatic = false) {
      if (await pauses.isPaused(account)) return { kind: 'wait', ms: PAUSED_RECHECK_MS };
      const turn = await pacer.take(accountOf(account), 1, { rank: automatic ? 'automatic' : 'reply', capped: false });
      return turn.kind === 'daily_cap' || turn.kind === 'hourly_cap' ? { kind: 'wait', ms: turn.reopensInMs } : turn;
    },
    async release(account, token, sent, holdMs) {
      await pacer.release(accountOf(account), token, sent, holdMs);
      // A hold is the platform's "too fast": it counts toward pausing the account like a notice's would.
      if (holdMs && holdMs > 0 && (await pauses.recordRateLimit(account))) onPaused(account);
    },
  };
}
