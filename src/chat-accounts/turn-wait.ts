import { setTimeout as sleep } from 'node:timers/promises';
import type { PacerTurn } from './account-pacer.js';
import { MAX_INLINE_WAIT_MS } from './retry-rules.js';

export const DAILY_CAP_REACHED = 'daily cap reached';
export const HOURLY_CAP_REACHED = 'hourly cap reached';

export type TurnLater = { kind: 'later'; delayMs: number; reason: string };
export type TurnOutcome = { kind: 'go'; token: string } | TurnLater;

/** What a turn used: the messages sent in it, and how long a platform's "too fast" holds the account after it. */
export interface TurnUse {
  sent: number;
  holdMs: number;
}

/**
 * A turn while `send` runs in it: what it used so far, and `end()`, which gives the turn back at once (with that
 * use) once the platform has answered, so our own writes after the send (sent, failed, retrying) do not push every
 * later message of a burst back. Ending twice ends once; `inAccountTurn` ends it anyway when `send` returns.
 */
export interface OpenTurn extends TurnUse {
  end(): Promise<void>;
}

/** An account's turns as one sender takes them: a turn, and its end with what it used. */
export interface TurnSource {
  take(): Promise<PacerTurn>;
  release(token: string, use: TurnUse): Promise<void>;
}

/**
 * Asks for the account's turn until it comes, waiting inside the job for short waits; a wait longer than
 * `MAX_INLINE_WAIT_MS`, or a cap, sends the job back to the queue as a delayed job (the cap a second after it opens).
 */
async function waitForTurn(take: () => Promise<PacerTurn>): Promise<TurnOutcome> {
  for (;;) {
    const turn = await take();
    if (turn.kind === 'go') return turn;
    if (turn.kind === 'daily_cap') return { kind: 'later', delayMs: turn.reopensInMs + 1000, reason: DAILY_CAP_REACHED };
    if (turn.kind === 'hourly_cap') return { kind: 'later', delayMs: turn.reopensInMs + 1000, reason: HOURLY_CAP_REACHED };
    if (turn.ms > MAX_INLINE_WAIT_MS) return { kind: 'later', delayMs: turn.ms, reason: 'waiting for the account' };
    await sleep(turn.ms);
  }
}

/**
 * The one turn loop notices and the inbox's messages both send in: waits for the account's turn, runs `send` in it
 * (which records in `use` what it sent and any hold), and gives the turn back with that use whatever `send` threw.
 * The turn comes before any claim, so a message is `sending` only around the platform call, and a turn in which
 * nothing went (cancelled, postponed) does not move the account's next slot.
 */
export async function inAccountTurn<T>(turns: TurnSource, send: (use: OpenTurn) => Promise<T>): Promise<{ kind: 'ran'; result: T } | TurnLater> {
  const turn = await waitForTurn(() => turns.take());
  if (turn.kind === 'later') return turn;
  let ended: Promise<void> | undefined;
  // A release that fails is the job's failure (it runs again and finds the message sent), never the send's: an
  // early `end()` inside `send` must not make a sent message look unsent, so its error waits for the finally.
  let releaseFailed: { error: unknown } | undefined;
  const use: OpenTurn = {
    sent: 0,
    holdMs: 0,
    end: () =>
      (ended ??= turns.release(turn.token, { sent: use.sent, holdMs: use.holdMs }).catch((error: unknown) => {
        releaseFailed = { error };
      })),
  };
  let result: T;
  try {
    result = await send(use);
  } finally {
    await use.end();
  }
  if (releaseFailed) throw releaseFailed.error;
  return { kind: 'ran', result };
}
