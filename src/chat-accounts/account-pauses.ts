import type { Redis } from 'ioredis';
import { luaScript, type LuaScript } from '../platform/redis/lua-script.js';

/** Stops and restarts the taking of an account's jobs in every process (dispatch's queue of the account). */
export interface AccountQueuePauser {
  pause(account: string): Promise<void>;
  resume(account: string): Promise<void>;
}

export interface AccountPause {
  account: string;
  reason: string;
  since: string;
}

// Counts the rate-limit answers of the window and says whether this one reaches the threshold, atomically,
// so two workers hitting the limit at once pause the account once.
const RECORD = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]))
redis.call('ZADD', KEYS[1], now, ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
local count = redis.call('ZCARD', KEYS[1])
if count >= tonumber(ARGV[3]) and redis.call('HEXISTS', KEYS[2], ARGV[4]) == 0 then
  redis.call('HSET', KEYS[2], ARGV[4], ARGV[5])
  return {count, 1}
end
return {count, 0}`;

/**
 * Accounts paused because the platform rate-limited them repeatedly. A paused account's queue is paused in
 * Redis, so no worker process takes its jobs; they stay queued until an admin resumes it. Nothing is dropped.
 */
export class AccountPauses {
  private readonly pausedKey: string;
  private readonly recordScript: LuaScript<[number, number]>;
  private queues: AccountQueuePauser | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly options: {
      pauseAfterRateLimits: number;
      windowMs: number;
      prefix?: string;
      /** Told once per pause, by the process whose answer paused the account (admins are e-mailed). */
      onPaused?: (account: string, reason: string) => void;
    },
  ) {
    this.pausedKey = `${options.prefix ?? 'sportello:dispatch'}:paused`;
    this.recordScript = luaScript(redis, 'sportelloRecordRateLimit', 2, RECORD);
  }

  /**
   * The queues a pause stops, registered by dispatch (which sits above chat-accounts) once it has them; without,
   * a pause still holds every answer and turn check (`isPaused`).
   */
  controlQueues(queues: AccountQueuePauser): void {
    this.queues = queues;
  }

  /** Records one `rate_limited` answer; true when it paused the account. */
  async recordRateLimit(account: string): Promise<boolean> {
    const reason = `rate-limited ${this.options.pauseAfterRateLimits} times within ${Math.round(this.options.windowMs / 60_000)} min`;
    const [, paused] = await this.recordScript(
      `${this.options.prefix ?? 'sportello:dispatch'}:account:${account}:rate-limits`,
      this.pausedKey,
      this.options.windowMs,
      `${Date.now()}-${Math.random()}`,
      this.options.pauseAfterRateLimits,
      account,
      JSON.stringify({ reason, since: new Date().toISOString() }),
    );
    if (paused === 1) {
      await this.queues?.pause(account);
      this.options.onPaused?.(account, reason);
    }
    return paused === 1;
  }

  async isPaused(account: string): Promise<boolean> {
    return (await this.redis.hexists(this.pausedKey, account)) === 1;
  }

  /** Lifts a pause and forgets the account's recent rate limits; false when it was not paused. */
  async resume(account: string): Promise<boolean> {
    const removed = await this.redis.hdel(this.pausedKey, account);
    await this.redis.del(`${this.options.prefix ?? 'sportello:dispatch'}:account:${account}:rate-limits`);
    await this.queues?.resume(account);
    return removed === 1;
  }

  async list(): Promise<AccountPause[]> {
    const all = await this.redis.hgetall(this.pausedKey);
    return Object.entries(all).map(([account, value]) => ({ account, ...(JSON.parse(value) as { reason: string; since: string }) }));
  }
}
