/** A turn on the account: `go` with a token to give back, or look again in `ms`. */
export type PaceTurn = { kind: 'go'; token: string } | { kind: 'wait'; ms: number };

/**
 * The one pace of a chat account, shared by everything Sportello sends on it (announcements too): one send at a
 * time across every process, each at least the account's `minIntervalMs` plus jitter after the previous one. A
 * platform restricts a number for its total rate, not per feature. `main.ts` passes dispatch's Redis pacer, where
 * the inbox's sends go ahead of normal notices (urgent ones go first) and count toward the daily cap without
 * being held by it: a citizen's answer must not wait for tomorrow because a large notice used up today.
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
