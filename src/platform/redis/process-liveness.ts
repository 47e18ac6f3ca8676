import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A process that has not said it is alive for this long is dead (kill -9, a lost host). */
const ALIVE_TTL_MS = 5000;
const HEARTBEAT_MS = 1000;
/** How long a dead process's ids stay known as dead, i.e. whose locks another process may take over. */
const KNOWN_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Says in Redis, every second, that this process and the lock tokens it holds (bull queues' tokens, its pacer
 * turns) are alive. A lock whose holder is known but no longer alive belonged to a process that died: another
 * process may take it over at once instead of waiting for the lock to expire (bull's stalled check takes up to
 * three lock durations, 90 s by default). Ids never registered are unknown, never dead: their locks expire as before.
 *
 * `isDead` in Lua: `EXISTS known:<id> == 1 and EXISTS alive:<id> == 0`, see `DEAD_HOLDER_LUA`.
 */
export class ProcessLiveness {
  readonly id = randomUUID();
  private readonly ids = new Set<string>([this.id]);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: Redis,
    readonly prefix = 'sportello:liveness',
  ) {}

  /** Another id this process holds locks with (a bull queue's token); alive as long as the process. */
  async register(id: string): Promise<void> {
    this.ids.add(id);
    await this.beat();
  }

  /** A Redis not reachable yet only delays the first beat: nothing is taken over from a process never seen alive. */
  async start(): Promise<void> {
    await this.beat().catch(() => undefined);
    this.timer = setInterval(() => void this.beat().catch(() => undefined), HEARTBEAT_MS);
    this.timer.unref();
  }

  /** Stopping on purpose (a graceful shutdown) keeps the ids alive until they expire: the locks are released anyway. */
  stop(): void {
    clearInterval(this.timer);
  }

  private async beat(): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const id of this.ids) {
      pipeline.set(`${this.prefix}:alive:${id}`, '1', 'PX', ALIVE_TTL_MS);
      pipeline.set(`${this.prefix}:known:${id}`, '1', 'PX', KNOWN_TTL_MS);
    }
    await pipeline.exec();
  }
}

/**
 * Lua: `deadHolder(prefix, id)` is true when `id` belongs to a process known to have run and no longer alive.
 * Scripts that take over locks include it.
 */
export const DEAD_HOLDER_LUA = `
local function deadHolder(prefix, id)
  if not id or id == '' then return false end
  return redis.call('EXISTS', prefix .. ':known:' .. id) == 1 and redis.call('EXISTS', prefix .. ':alive:' .. id) == 0
end
`;
