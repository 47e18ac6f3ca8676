import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { luaScript, type LuaScript } from '../platform/redis/lua-script.js';
import type { DispatchAccount } from './dispatch-account.js';
import { localClock, untilLocalMidnightMs } from './quiet-hours.js';

/** Extra random spacing on top of an account's interval, as a share of it: bursts at an exact period look automated. */
const JITTER_SHARE = 0.25;
/** How often a worker looks again while another process holds the account. */
const BUSY_POLL_MS = 50;

// Redis' own clock (TIME) keeps every worker process on one time line, whatever their hosts' clocks say.
// KEYS: lock, next slot, day count, "an urgent send waits", "a reply waits". ARGV[6] is the rank (0 urgent,
// 1 reply, 2 normal): a send yields while a higher rank waits, and a waiting urgent send or reply marks itself
// until half a second after its turn should come (a waiter that died holds the lower ranks back no longer).
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local poll = tonumber(ARGV[4])
local rank = tonumber(ARGV[6])
for i = 1, math.min(rank, 2) do
  if redis.call('EXISTS', KEYS[3 + i]) == 1 then return {1, poll} end
end
local wait = 0
local held = redis.call('PTTL', KEYS[1])
if held > 0 then wait = math.min(held, poll) end
local nextAt = tonumber(redis.call('GET', KEYS[2]) or '0')
if wait == 0 and nextAt > now then wait = nextAt - now end
if wait > 0 then
  if rank < 2 then redis.call('SET', KEYS[4 + rank], '1', 'PX', wait + 10 * poll) end
  return {1, wait}
end
local sent = tonumber(redis.call('GET', KEYS[3]) or '0')
if ARGV[5] ~= '-1' and sent + tonumber(ARGV[3]) > tonumber(ARGV[5]) then return {2, 0} end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if rank < 2 then redis.call('DEL', KEYS[4 + rank]) end
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
 * Who goes first when several sends wait for one account: urgent notices, then the inbox's answers to citizens
 * (a citizen waits for them), then normal notices.
 */
export type PacerRank = 'urgent' | 'reply' | 'normal';
const RANK: Record<PacerRank, number> = { urgent: 0, reply: 1, normal: 2 };

/**
 * Paces each channel account across every worker process, in Redis: one send at a time per account (a lock
 * with a time limit, in case its holder dies), each send at least `minIntervalMs` plus jitter after the end
 * of the previous one, and at most `dailyCap` messages per local calendar day. Every send on the account goes
 * through it, announcements and the inbox's acknowledgements and replies alike (`main.ts` hands it to the inbox).
 */
export class AccountPacer {
  private readonly takeScript: LuaScript<[number, number]>;
  private readonly releaseScript: LuaScript<number>;

  constructor(
    private readonly redis: Redis,
    private readonly options: { lockMs: number; timeZone: string; prefix?: string },
  ) {
    this.takeScript = luaScript(redis, 'sportelloPacerTake', 5, TAKE);
    this.releaseScript = luaScript(redis, 'sportelloPacerRelease', 3, RELEASE);
  }

  private keys(account: string, at: Date): [string, string, string] {
    const base = this.base(account);
    return [`${base}:lock`, `${base}:next`, `${base}:sent:${localClock(at, this.options.timeZone).date}`];
  }

  private base(account: string): string {
    return `${this.options.prefix ?? 'sportello:dispatch'}:account:${account}`;
  }

  /**
   * Asks for the account's next turn to send `messages` messages. `capped: false` (the inbox's answers) is never
   * refused by the daily cap, though what it sends counts toward it.
   */
  async take(account: DispatchAccount, messages: number, options: { rank?: PacerRank; capped?: boolean } = {}): Promise<PacerTurn> {
    const token = randomUUID();
    const now = new Date();
    const base = this.base(account.id);
    const [code, ms] = await this.takeScript(
      ...this.keys(account.id, now),
      `${base}:waiting:urgent`,
      `${base}:waiting:reply`,
      token,
      this.options.lockMs,
      messages,
      BUSY_POLL_MS,
      options.capped === false ? -1 : account.rateLimit.dailyCap,
      RANK[options.rank ?? 'normal'],
    );
    if (code === 0) return { kind: 'go', token };
    if (code === 2) return { kind: 'daily_cap', reopensInMs: untilLocalMidnightMs(now, this.options.timeZone) };
    return { kind: 'wait', ms };
  }

  /**
   * Ends a turn: `messagesSent` count toward the daily cap and, if any, the next turn starts a spaced gap from
   * now; `holdMs` (a platform's retry-after) keeps the whole account waiting at least that long.
   */
  async release(account: DispatchAccount, token: string, messagesSent: number, holdMs = 0): Promise<void> {
    await this.releaseScript(...this.keys(account.id, new Date()), token, this.gapMs(account), messagesSent, Math.round(holdMs));
  }

  /** Messages the account has sent today (the local calendar day of the daily cap), across every process. */
  async sentToday(accountId: string): Promise<number> {
    return Number((await this.redis.get(this.keys(accountId, new Date())[2])) ?? 0);
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
