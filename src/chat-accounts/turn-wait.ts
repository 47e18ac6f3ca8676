import { setTimeout as sleep } from 'node:timers/promises';
import type { PacerTurn } from './account-pacer.js';
import { MAX_INLINE_WAIT_MS } from './retry-rules.js';

export const DAILY_CAP_REACHED = 'daily cap reached';
export const HOURLY_CAP_REACHED = 'hourly cap reached';

export type TurnOutcome = { kind: 'go'; token: string } | { kind: 'later'; delayMs: number; reason: string };

/**
 * Asks for the account's turn until it comes, waiting inside the job for short waits; a wait longer than
 * `MAX_INLINE_WAIT_MS`, or a cap, sends the job back to the queue as a delayed job (the cap a second after it opens).
 * The one loop notices and the inbox's messages both wait in.
 */
export async function waitForTurn(take: () => Promise<PacerTurn>): Promise<TurnOutcome> {
  for (;;) {
    const turn = await take();
    if (turn.kind === 'go') return turn;
    if (turn.kind === 'daily_cap') return { kind: 'later', delayMs: turn.reopensInMs + 1000, reason: DAILY_CAP_REACHED };
    if (turn.kind === 'hourly_cap') return { kind: 'later', delayMs: turn.reopensInMs + 1000, reason: HOURLY_CAP_REACHED };
    if (turn.ms > MAX_INLINE_WAIT_MS) return { kind: 'later', delayMs: turn.ms, reason: 'waiting for the account' };
    await sleep(turn.ms);
  }
}
