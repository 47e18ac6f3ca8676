interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export interface AccountTurnsOptions {
  /** The most jobs a turn of this account can hold: the queue's concurrency for it in this process. */
  turnSize: (account: string) => number;
  /**
   * How long a turn waits for the jobs bull is still handing over before it starts without them. A finished
   * turn's jobs each fetch their successor with their own round trip to Redis, so the next turn's jobs arrive
   * one by one; a turn that started at the first of them would hold two or three and pay its round trips for
   * those alone.
   */
  gatherMs: number;
}

/**
 * The jobs of one account that are running in this process wait here for the account's next turn; each turn
 * takes all that are waiting (as many as the queue's concurrency lets run), so an account whose limits allow
 * back-to-back messages pays the turn's round trips (pacer, claim, record) once per turn instead of once per
 * message. Turns of one account run one after the other in this process; the pacer keeps them apart across
 * processes.
 */
export class AccountTurns<T, R> {
  private readonly waiting = new Map<string, Array<Waiting<T, R>>>();
  private readonly running = new Set<string>();
  private readonly full = new Map<string, () => void>();

  constructor(
    private readonly runTurn: (account: string, items: T[]) => Promise<R[]>,
    private readonly options: AccountTurnsOptions,
  ) {}

  /** Resolves with this item's own result once the turn it joined has ended. */
  join(account: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let list = this.waiting.get(account);
      if (!list) this.waiting.set(account, (list = []));
      list.push({ item, resolve, reject });
      if (list.length >= this.options.turnSize(account)) this.full.get(account)?.();
      if (this.running.has(account)) return;
      this.running.add(account);
      void this.drain(account);
    });
  }

  private async drain(account: string): Promise<void> {
    try {
      for (;;) {
        await this.gathered(account);
        const turn = this.waiting.get(account)?.splice(0) ?? [];
        if (turn.length === 0) return;
        try {
          const results = await this.runTurn(account, turn.map((w) => w.item));
          turn.forEach((w, i) => w.resolve(results[i]!));
        } catch (error) {
          for (const w of turn) w.reject(error);
        }
      }
    } finally {
      this.running.delete(account);
    }
  }

  /** Resolves once a full turn is waiting, or `gatherMs` later; at once for an account that sends one at a time. */
  private gathered(account: string): Promise<void> | undefined {
    const size = this.options.turnSize(account);
    if (size <= 1 || (this.waiting.get(account)?.length ?? 0) >= size) return undefined;
    // A plain timer, not an abortable sleep: a turn starts every few milliseconds, and aborting one builds an error.
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.full.delete(account);
        resolve();
      };
      const timer = setTimeout(done, this.options.gatherMs);
      this.full.set(account, done);
    });
  }
}
