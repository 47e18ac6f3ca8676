/**
 * At most one call per key every `intervalMs`: the first at once, later ones folded into one at the end of the
 * interval, so the last change is always told. Delivery progress moves with every message sent; a console needs
 * to hear of it a couple of times a second, not hundreds.
 */
export class KeyedThrottle {
  readonly #last = new Map<string, number>();
  readonly #pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly intervalMs: number) {}

  run(key: string, call: () => void): void {
    if (this.#pending.has(key)) return;
    const wait = (this.#last.get(key) ?? -Infinity) + this.intervalMs - Date.now();
    if (wait <= 0) return this.#call(key, call);
    const timer = setTimeout(() => {
      this.#pending.delete(key);
      this.#call(key, call);
    }, wait);
    timer.unref();
    this.#pending.set(key, timer);
  }

  stop(): void {
    for (const timer of this.#pending.values()) clearTimeout(timer);
    this.#pending.clear();
  }

  #call(key: string, call: () => void): void {
    this.#last.set(key, Date.now());
    // Forgotten after a quiet interval: keys are announcement ids, unbounded over a year.
    setTimeout(() => {
      if (!this.#pending.has(key) && Date.now() - (this.#last.get(key) ?? 0) >= this.intervalMs) this.#last.delete(key);
    }, this.intervalMs).unref();
    call();
  }
}
