export type ChatMessageListener = (chatRef: string | undefined) => void;

export interface ChatMessageNoticesOptions {
  /** Chats named one by one in an interval; the rest of a burst is told as one notice at the interval's end. */
  namedPerInterval: number;
  intervalMs: number;
}

const DEFAULTS: ChatMessageNoticesOptions = { namedPerInterval: 3, intervalMs: 500 };

/**
 * Tells listeners which simulated chat got a message: by its reference while the account is quiet, and during a
 * burst by one notice without a reference ("several chats") at the end of each interval. A fan-out writes into
 * thousands of simulated chats a second; one live event each would crowd the consoles' catch-up stream (capped
 * at a few thousand events) out of everything else, and cost the service and Redis a script call per message,
 * which no real platform's send does (the benchmark measured it as a tenth of the service's CPU per delivery).
 */
export class ChatMessageNotices {
  readonly #listeners: ChatMessageListener[] = [];
  readonly #options: ChatMessageNoticesOptions;
  #intervalStart = -Infinity;
  #named = 0;
  #several: NodeJS.Timeout | undefined;

  constructor(
    private readonly refOf: (chatId: string) => string,
    options: Partial<ChatMessageNoticesOptions> = {},
  ) {
    this.#options = { ...DEFAULTS, ...options };
  }

  listen(listener: ChatMessageListener): void {
    this.#listeners.push(listener);
  }

  message(chatId: string): void {
    if (this.#listeners.length === 0) return;
    const now = Date.now();
    if (now - this.#intervalStart >= this.#options.intervalMs) {
      this.#intervalStart = now;
      this.#named = 0;
    }
    if (this.#named < this.#options.namedPerInterval) {
      this.#named += 1;
      this.#tell(this.refOf(chatId));
      return;
    }
    if (this.#several) return;
    this.#several = setTimeout(() => {
      this.#several = undefined;
      this.#tell(undefined);
    }, this.#intervalStart + this.#options.intervalMs - now);
    this.#several.unref();
  }

  /** A notice still due is told now: whoever stops the account may still show its chats. */
  flush(): void {
    if (!this.#several) return;
    clearTimeout(this.#several);
    this.#several = undefined;
    this.#tell(undefined);
  }

  #tell(chatRef: string | undefined): void {
    for (const listener of this.#listeners) listener(chatRef);
  }
}
