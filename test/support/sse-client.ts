import { setTimeout as sleep } from 'node:timers/promises';

export interface ReceivedEvent {
  id: string | undefined;
  event: string;
  data: unknown;
}

/**
 * A headless client of `GET /api/v1/events`, reading the stream as a browser's EventSource does (Node 20 has
 * none): the events in order, and the last id (which an id-only block sets too), to reconnect with.
 */
export class SseClient {
  readonly events: ReceivedEvent[] = [];
  lastEventId: string | undefined;
  status = 0;
  readonly #abort = new AbortController();
  #done: Promise<void> = Promise.resolve();
  #waiters: Array<() => void> = [];

  private constructor() {}

  /** Connects and resolves once the response headers arrived (the stream is open). */
  static async open(baseUrl: string, headers: Record<string, string>, options: { lastEventId?: string; onEvent?: (event: ReceivedEvent) => void } = {}): Promise<SseClient> {
    const client = new SseClient();
    client.lastEventId = options.lastEventId;
    const response = await fetch(new URL('/api/v1/events', baseUrl), {
      headers: { accept: 'text/event-stream', ...headers, ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}) },
      signal: client.#abort.signal,
    });
    client.status = response.status;
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      return client;
    }
    client.#done = client.#read(response.body, options.onEvent).catch(() => undefined);
    return client;
  }

  /** Resolves with the first event received (or already received) that `match` accepts. */
  async waitFor(match: (event: ReceivedEvent) => boolean, what: string, timeoutMs = 10_000): Promise<ReceivedEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no event ${what} within ${timeoutMs} ms; received ${JSON.stringify(this.events)}`);
      await Promise.race([new Promise<void>((resolve) => this.#waiters.push(resolve)), sleep(200)]);
    }
  }

  /** Resolves once the server ends the stream (or `close` does). */
  get ended(): Promise<void> {
    return this.#done;
  }

  async close(): Promise<void> {
    this.#abort.abort();
    await this.#done;
  }

  async #read(body: ReadableStream<Uint8Array>, onEvent: ((event: ReceivedEvent) => void) | undefined): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        this.#dispatch(block, onEvent);
      }
    }
  }

  #dispatch(block: string, onEvent: ((event: ReceivedEvent) => void) | undefined): void {
    let event = 'message';
    let data: string | undefined;
    let id: string | undefined;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data = data === undefined ? value : `${data}\n${value}`;
    }
    if (id !== undefined) this.lastEventId = id;
    if (data === undefined) return;
    const received = { id, event, data: JSON.parse(data) as unknown };
    this.events.push(received);
    onEvent?.(received);
    for (const wake of this.#waiters.splice(0)) wake();
  }
}
