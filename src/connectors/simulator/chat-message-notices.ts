export type ChatMessageListener = (chatRef: string | undefined) => void;

export interface ChatMessageNoticesOptions {
  /** Chats named one by one in an interval; the rest of a burst is told as one notice at the interval's end. */
  namedPerInterval: number;
  intervalMs: number;
}

const DEFAULTS: ChatMessageNoticesOptions = { namedPerInterval: 3, intervalMs: 500 };

/**
 * Tells listeners which simulated chat got a message: by its reference while the account is quiet, and during a
 * burst at the end of each interval: the chats that got messages after the first few, each by its reference when
 * they are few (a citizen's question and our acknowledgement right after another chat's), else one notice without a
 * reference ("several chats"). A fan-out writes into
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
  /** Chats that got a message after the interval's named ones, told at its end. */
  readonly #pending = new Set<string>();

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
    // Only while a notice is due: past `namedPerInterval` pending chats it will be "several" anyway.
    if (this.#pending.size <= this.#options.namedPerInterval) this.#pending.add(chatId);
    if (this.#several) return;
    this.#several = setTimeout(() => {
      this.#several = undefined;
      this.#tellPending();
    }, this.#intervalStart + this.#options.intervalMs - now);
    this.#several.unref();
  }

  /** A notice still due is told now: whoever stops the account may still show its chats. */
  flush(): void {
    if (!this.#several) return;
    clearTimeout(this.#several);
    this.#several = undefined;
    this.#tellPending();
  }

  #tellPending(): void {
    const chats = [...this.#pending];
    this.#pending.clear();
    if (chats.length > this.#options.namedPerInterval) this.#tell(undefined);
    else for (const chatId of chats) this.#tell(this.refOf(chatId));
  }

  #tell(chatRef: string | undefined): void {
    for (const listener of this.#listeners) listener(chatRef);
  }
}
