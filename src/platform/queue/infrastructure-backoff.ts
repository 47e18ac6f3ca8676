/**
 * Our own failures (database or Redis unreachable) in any processor: the job runs again, from 5 s up to 5 min
 * apart, until it gets through. One copy for every queue.
 */
export function infrastructureBackoffMs(runs: number): number {
  return Math.min(300_000, 5000 * 2 ** Math.min(runs, 6));
}
