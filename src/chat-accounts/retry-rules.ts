/**
 * How a send that failed is tried again, for notices and the inbox's messages alike: one copy of the rules, so a
 * platform's "too fast" or a transient failure is handled the same way whoever sent.
 */

export interface RetryPolicy {
  /** Send attempts (transient failures; rate limits too for the inbox) before the message is `failed`. */
  maxAttempts: number;
  backoffMs(attempt: number): number;
}

/** A send waits up to this long for the account's turn inside its job; longer waits go back to the queue as delayed jobs. */
export const MAX_INLINE_WAIT_MS = 15_000;

/** When a platform says "rate limited" without saying for how long. */
export const DEFAULT_RETRY_AFTER_MS = 60_000;

/**
 * Exponential from `firstMs`, doubling per attempt up to `capMs`, with ±20 % jitter so that sends that failed
 * together do not retry together.
 */
export function jitteredBackoff(firstMs: number, capMs = Number.POSITIVE_INFINITY): (attempt: number) => number {
  return (attempt) => Math.round(Math.min(capMs, firstMs * 2 ** (attempt - 1)) * (0.8 + Math.random() * 0.4));
}
