interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * The jobs of one account that are running in this process wait here for the account's next turn; each turn
 * takes all that are waiting (as many as the queue's concurrency lets run), so an account whose limits allow back-to-back messages pays
 * the turn's round trips (pacer, claim, record) once per turn instead of once per message. Turns of one account
 * run one after the other in this process; the pacer keeps them apart across processes.
 */
export class AccountTurns<T, R> {
  private readonly waiting = new Map<string, Array<Waiting<T, R>>>();
  private readonly running = new Set<string>();

  constructor(private readonly runTurn: (account: string, items: T[]) => Promise<R[]>) {}

  /** Resolves with this item's own result once the turn it joined has ended. */
  join(account: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let list = this.waiting.get(account);
      if (!list) this.waiting.set(account, (list = []));
      list.push({ item, resolve, reject });
      if (this.running.has(account)) return;
      this.running.add(account);
      // One macrotask later, so the jobs bull starts together share the first turn.
      setImmediate(() => void this.drain(account));
    });
  }

  private async drain(account: string): Promise<void> {
    try {
      for (;;) {
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
}
