import type { Response } from 'express';
import type { Principal } from '../identity/index.js';
import { mayReceive } from './live-audience.js';
import { compareStreamIds, type StoredLiveEvent } from './live-event.js';

/** A console that reads slower than events come is cut off; it reconnects and catches up from the stream. */
const MAX_UNSENT_BYTES = 1024 * 1024;

/**
 * One open `GET /api/v1/events`. While it catches up from the stream it holds back what arrives live, then sends
 * that too (without what the catch-up already sent), in stream order. Events the person may not read are not
 * sent: the REST API would refuse them the refetch anyway.
 */
export class LiveConnection {
  #cursor: string;
  #held: StoredLiveEvent[] | undefined = [];
  #closed = false;

  constructor(
    private readonly res: Response,
    public who: Principal,
    start: string,
  ) {
    this.#cursor = start;
  }

  get closed(): boolean {
    return this.#closed || this.res.writableEnded || this.res.destroyed;
  }

  /** A live event from this process' bus. */
  push(stored: StoredLiveEvent): void {
    if (this.#held) this.#held.push(stored);
    else this.#send(stored);
  }

  /** The events missed since the client's `Last-Event-ID`, then what arrived meanwhile; live from then on. */
  caughtUp(missed: readonly StoredLiveEvent[]): void {
    for (const stored of missed) this.#send(stored);
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const stored of held) this.#send(stored);
  }

  /** The client cannot catch up: `reset` tells it to refetch; live events follow from `position`. */
  reset(position: string): void {
    this.#cursor = position;
    this.#write(`id: ${position}\nevent: reset\ndata: {}\n\n`);
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const stored of held) this.#send(stored);
  }

  /**
   * Every ~15 s: a comment keeps proxies from closing the connection, and once caught up the id of the newest
   * event this process handed out, so that a console told nothing for a long time (nothing it may read) does
   * not reconnect from an id long trimmed from the stream.
   */
  heartbeat(position: string): void {
    if (!this.#held && compareStreamIds(position, this.#cursor) > 0) {
      this.#cursor = position;
      this.#write(`: heartbeat\nid: ${position}\n\n`);
    } else this.#write(': heartbeat\n\n');
  }

  /** The position a new client starts from, as an id without data: the browser keeps it for a reconnect. */
  announcePosition(): void {
    this.#write(`id: ${this.#cursor}\n\n`);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.res.end();
  }

  #send(stored: StoredLiveEvent): void {
    if (compareStreamIds(stored.id, this.#cursor) <= 0) return;
    this.#cursor = stored.id;
    if (!mayReceive(this.who, stored.event)) return;
    this.#write(frameOf(stored));
  }

  #write(chunk: string): void {
    if (this.closed) return;
    this.res.write(chunk);
    if (this.res.writableLength > MAX_UNSENT_BYTES) this.close();
  }
}

// One event goes to every open console of the process: its frame is written once, not once per console.
const frames = new WeakMap<StoredLiveEvent, string>();

function frameOf(stored: StoredLiveEvent): string {
  let frame = frames.get(stored);
  if (frame === undefined) {
    frame = `id: ${stored.id}\nevent: ${stored.event.name}\ndata: ${JSON.stringify(stored.event.data)}\n\n`;
    frames.set(stored, frame);
  }
  return frame;
}
