/** What a job waiting for its turn learns: `go`, or its predecessor did not run in time (it waits in the queue). */
export type TurnOutcome = 'go' | 'not_yet';

/**
 * Keeps each citizen's messages in the order they arrived while the intake stores many citizens' messages at once:
 * per key (account and sender), a line of job ids in arrival order, and a job runs only at the head of its line.
 *
 * In-process is enough: the intake queue is this process's own (its spool is on this process's disk, see
 * `IntakeQueue`), so no other process ever stores a message of the same spool. A job whose predecessor does not
 * finish within `waitMs` (it is waiting for a retry after a database outage, or Redis has not taken it yet) is
 * told `not_yet` and goes back to the queue, so a waiting job never holds a worker for long and the order holds
 * across retries.
 */
export class ArrivalOrder {
  private readonly lines = new Map<string, string[]>();
  private readonly keys = new Map<string, string>();
  private readonly waiters = new Map<string, Set<() => void>>();

  constructor(private readonly waitMs: number) {}

  /** Puts `jobId` at the end of its key's line, unless it already is in it (a message delivered again). */
  arrived(key: string, jobId: string): void {
    if (this.keys.has(jobId)) return;
    this.keys.set(jobId, key);
    const line = this.lines.get(key);
    if (!line) this.lines.set(key, [jobId]);
    else line.push(jobId);
  }

  /** Resolves `go` once `jobId` heads its line, `not_yet` if that takes longer than `waitMs`. */
  async turn(key: string, jobId: string): Promise<TurnOutcome> {
    this.arrived(key, jobId);
    const deadline = Date.now() + this.waitMs;
    while (this.lines.get(key)?.[0] !== jobId) {
      const left = deadline - Date.now();
      if (left <= 0 || !(await this.lineMoves(key, left))) return 'not_yet';
    }
    return 'go';
  }

  /** `jobId` is done (stored, a duplicate, set aside, or never spooled): the next one of its line may go. */
  left(jobId: string): void {
    const key = this.keys.get(jobId);
    if (key === undefined) return;
    this.keys.delete(jobId);
    const line = this.lines.get(key);
    if (!line) return;
    const rest = line.filter((id) => id !== jobId);
    if (rest.length > 0) this.lines.set(key, rest);
    else this.lines.delete(key);
    for (const wake of this.waiters.get(key) ?? []) wake();
  }

  /** How many lines hold jobs (for tests: a line that empties is dropped, so memory follows the work in flight). */
  get size(): number {
    return this.lines.size;
  }

  /** Resolves true when the line of `key` changes, false after `ms`. */
  private lineMoves(key: string, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const waiters = this.waiters.get(key) ?? new Set<() => void>();
      this.waiters.set(key, waiters);
      const done = (moved: boolean): void => {
        clearTimeout(timer);
        waiters.delete(wake);
        if (waiters.size === 0 && this.waiters.get(key) === waiters) this.waiters.delete(key);
        resolve(moved);
      };
      const wake = (): void => done(true);
      const timer = setTimeout(() => done(false), ms);
      waiters.add(wake);
    });
  }
}
