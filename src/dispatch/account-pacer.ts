import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { DispatchAccount } from './dispatch-account.js';
import { localClock, untilLocalMidnightMs } from './quiet-hours.js';

/** Extra random spacing on top of an account's interval, as a share of it: bursts at an exact period look automated. */
const JITTER_SHARE = 0.25;
/** How often a worker looks again while another process holds the account. */
const BUSY_POLL_MS = 50;

// Redis' own clock (TIME) keeps every worker process on one time line, whatever their hosts' clocks say.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local held = redis.call('PTTL', KEYS[1])
if held > 0 then return {1, math.min(held, tonumber(ARGV[4]))} end
local nextAt = tonumber(redis.call('GET', KEYS[2]) or '0')
if nextAt > now then return {1, nextAt - now} end
local sent = tonumber(redis.call('GET', KEYS[3]) or '0')
if sent + tonumber(ARGV[3]) > tonumber(ARGV[5]) then return {2, 0} end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return {0, 0}`;

const RELEASE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
local sent = tonumber(ARGV[3])
local wait = math.max(sent > 0 and tonumber(ARGV[2]) or 0, tonumber(ARGV[4]))
if wait > 0 then redis.call('SET', KEYS[2], now + wait, 'PX', wait + 60000) end
if sent > 0 then
  redis.call('INCRBY', KEYS[3], sent)
  redis.call('EXPIRE', KEYS[3], 172800)
end
return 1`;

export type PacerTurn = { kind: 'go'; token: string } | { kind: 'wait'; ms: number } | { kind: 'daily_cap'; reopensInMs: number };

/**
 * Paces each channel account across every worker process, in Redis: one send at a time per account (a lock
 * with a time limit, in case its holder dies), each send at least `minIntervalMs` plus jitter after the end
 * of the previous one, and at most `dailyCap` messages per local calendar day.
 */
export class AccountPacer {
  constructor(
    private readonly redis: Redis,
    private readonly options: { lockMs: number; timeZone: string; prefix?: string },
  ) {}

  private keys(account: string, at: Date): [string, string, string] {
    const base = `${this.options.prefix ?? 'sportello:dispatch'}:account:${account}`;
    return [`${base}:lock`, `${base}:next`, `${base}:sent:${localClock(at, this.options.timeZone).date}`];
  }

  /** Asks for the account's next turn to send `messages` messages. */
  async take(account: DispatchAccount, messages: number): Promise<PacerTurn> {
    const token = randomUUID();
    const now = new Date();
    const [code, ms] = (await this.redis.eval(
      TAKE,
      3,
      ...this.keys(account.id, now),
      token,
      this.options.lockMs,
      messages,
      BUSY_POLL_MS,
      account.rateLimit.dailyCap,
    )) as [number, number];
    if (code === 0) return { kind: 'go', token };
    if (code === 2) return { kind: 'daily_cap', reopensInMs: untilLocalMidnightMs(now, this.options.timeZone) };
    return { kind: 'wait', ms };
  }

  /**
   * Ends a turn: `messagesSent` count toward the daily cap and, if any, the next turn starts a spaced gap from
   * now; `holdMs` (a platform's retry-after) keeps the whole account waiting at least that long.
   */
  async release(account: DispatchAccount, token: string, messagesSent: number, holdMs = 0): Promise<void> {
    await this.redis.eval(RELEASE, 3, ...this.keys(account.id, new Date()), token, this.gapMs(account), messagesSent, Math.round(holdMs));
  }

  /** How long a turn may go on sending: well inside the lock that keeps other processes out. */
  get turnBudgetMs(): number {
    return this.options.lockMs / 2;
  }

  /** The spacing between two messages of an account: its interval plus random jitter. */
  gapMs(account: DispatchAccount): number {
    const interval = account.rateLimit.minIntervalMs;
    return Math.round(interval + Math.random() * interval * JITTER_SHARE);
  }
}
