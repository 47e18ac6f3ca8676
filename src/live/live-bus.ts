import type { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../platform/logging/logger.js';
import { luaScript, type LuaScript } from '../platform/redis/lua-script.js';
import { compareStreamIds, type LiveEvent, type StoredLiveEvent } from './live-event.js';

const STREAM_KEY = 'sportello:live:events';
const CHANNEL = 'sportello:live';
/**
 * How many events a reconnecting console can catch up on. A console away for longer is told `reset` and
 * refetches what it shows; a day of a busy desk is a few thousand events.
 */
const STREAM_MAX_LENGTH = 5000;
/** How long the start waits for Redis to take the subscription. */
const START_WAIT_MS = 3000;

// One script, so the stream's order and the channel's are the same across processes: a client that received
// id N from the channel has received every earlier id too, and catching up from N misses nothing.
const PUBLISH_LUA = `
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'e', ARGV[2])
redis.call('PUBLISH', KEYS[2], id .. ' ' .. ARGV[2])
return id`;

type Listener = (stored: StoredLiveEvent) => void;

/**
 * The events of every process (service or worker) through one Redis: each one is appended to a capped stream and
 * pushed on a pub/sub channel in one step. Every process subscribes once and hands what arrives to its listeners
 * (the open consoles); a subscriber that lost its connection catches up from the stream when it is back.
 */
export class LiveBus {
  readonly #publish: LuaScript<string>;
  readonly #listeners = new Set<Listener>();
  #subscriber: Redis | undefined;
  #position = '0-0';
  #resetListeners = new Set<() => void>();

  constructor(
    private readonly redis: Redis,
    private readonly log: Logger,
  ) {
    this.#publish = luaScript<string>(redis, 'sportelloLivePublish', 2, PUBLISH_LUA);
  }

  /** The last id this process has handed to its listeners: a new console starts from here. */
  get position(): string {
    return this.#position;
  }

  async publish(event: LiveEvent): Promise<string> {
    return this.#publish(STREAM_KEY, CHANNEL, STREAM_MAX_LENGTH, JSON.stringify(event));
  }

  /**
   * Subscribes; waits a moment for Redis, not longer: a service started while Redis is away still starts (its
   * consoles get events once Redis is back, and reconnecting ones a `reset` if they missed some).
   */
  async start(): Promise<void> {
    // A connection of its own: a subscribed connection can do nothing else. It queues commands while offline and
    // subscribes again by itself after a reconnect (ioredis' autoResubscribe); each later `ready` catches up.
    const subscriber = this.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    this.#subscriber = subscriber;
    subscriber.on('error', () => undefined);
    subscriber.on('message', (_channel: string, message: string) => this.#received(message));
    let subscribed = false;
    subscriber.on('ready', () => {
      if (subscribed) void this.#catchUp();
    });
    const ready = (async () => {
      await subscriber.subscribe(CHANNEL);
      this.#position = (await this.#lastGeneratedId()) ?? '0-0';
      subscribed = true;
    })();
    ready.catch((error: unknown) => this.log.warn({ err: error }, 'live events: subscribing failed; consoles get no events until Redis is back'));
    await Promise.race([ready.catch(() => undefined), sleep(START_WAIT_MS, undefined, { ref: false })]);
  }

  async stop(): Promise<void> {
    this.#subscriber?.disconnect();
    this.#subscriber = undefined;
    this.#listeners.clear();
  }

  listen(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Told when this process may have missed events it cannot read back: its consoles refetch everything. */
  onReset(listener: () => void): () => void {
    this.#resetListeners.add(listener);
    return () => this.#resetListeners.delete(listener);
  }

  /**
   * The events after `lastId`, oldest first, or `reset` when some of them are gone: trimmed from the capped
   * stream, or the stream is not the one that id came from (Redis lost its data and counts again).
   */
  async since(lastId: string): Promise<StoredLiveEvent[] | 'reset'> {
    const info = await this.#streamInfo();
    if (!info) return lastId === '0-0' ? [] : 'reset';
    if (compareStreamIds(lastId, info.lastGeneratedId) > 0) return 'reset';
    // Trimmed entries are all older than the first one kept (Redis 7.0 does not record trimming in
    // `max-deleted-entry-id`): from before the first kept, something in between may be gone.
    if (info.trimmed && (!info.firstEntryId || compareStreamIds(lastId, info.firstEntryId) < 0)) return 'reset';
    const entries = (await this.redis.xrange(STREAM_KEY, `(${lastId}`, '+')) as Array<[string, string[]]>;
    return entries.flatMap(([id, fields]) => {
      const event = parseEvent(fields[1]);
      return event ? [{ id, event }] : [];
    });
  }

  #received(message: string): void {
    const space = message.indexOf(' ');
    const id = message.slice(0, space);
    const event = parseEvent(message.slice(space + 1));
    if (!event || compareStreamIds(id, this.#position) <= 0) return;
    this.#deliver({ id, event });
  }

  #deliver(stored: StoredLiveEvent): void {
    this.#position = stored.id;
    for (const listener of this.#listeners) {
      try {
        listener(stored);
      } catch (error) {
        this.log.warn({ err: error }, 'live event listener failed');
      }
    }
  }

  async #catchUp(): Promise<void> {
    try {
      const missed = await this.since(this.#position);
      if (missed === 'reset') {
        this.#position = (await this.#lastGeneratedId()) ?? '0-0';
        for (const listener of this.#resetListeners) listener();
        return;
      }
      for (const stored of missed) if (compareStreamIds(stored.id, this.#position) > 0) this.#deliver(stored);
    } catch (error) {
      this.log.warn({ err: error }, 'live events: catching up after a Redis reconnect failed');
    }
  }

  async #lastGeneratedId(): Promise<string | undefined> {
    return (await this.#streamInfo())?.lastGeneratedId;
  }

  async #streamInfo(): Promise<{ lastGeneratedId: string; firstEntryId: string | undefined; trimmed: boolean } | undefined> {
    let reply: unknown[];
    try {
      reply = (await this.redis.xinfo('STREAM', STREAM_KEY)) as unknown[];
    } catch (error) {
      if (/no such key/i.test((error as Error).message)) return undefined;
      throw error;
    }
    const field = (name: string): string | undefined => {
      const at = reply.indexOf(name);
      return at >= 0 ? String(reply[at + 1]) : undefined;
    };
    const first = reply[reply.indexOf('first-entry') + 1];
    return {
      lastGeneratedId: field('last-generated-id') ?? '0-0',
      firstEntryId: Array.isArray(first) ? String(first[0]) : undefined,
      trimmed: Number(field('entries-added') ?? 0) > Number(field('length') ?? 0),
    };
  }
}

function parseEvent(json: string | undefined): LiveEvent | undefined {
  if (!json) return undefined;
  try {
    return JSON.parse(json) as LiveEvent;
  } catch {
    return undefined;
  }
}
