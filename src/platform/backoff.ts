export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

/** Exponential delay before retry number `attempt` (1-based), capped so a long outage is retried steadily. */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy): number {
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, attempt - 1));
}
