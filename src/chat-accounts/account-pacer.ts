import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { luaScript, type LuaScript } from '../platform/redis/lua-script.js';
import { DEAD_HOLDER_LUA, type ProcessLiveness } from '../platform/redis/process-liveness.js';
import type { SendBudget } from './send-budget.config.js';
import { localClock, untilLocalMidnightMs } from '../platform/town-clock.js';
import { dailyCapOn, daysBetween, drawGapMs } from './send-budget.js';

/** How often a worker looks again while another process holds the account. */
const BUSY_POLL_MS = 50;
/** Automatic replies may take at most this many of the account's last `RECENT_TURNS` turns while notices wait. */
const AUTOMATIC_TURNS = 2;
const RECENT_TURNS = 8;
const HOUR_MS = 60 * 60 * 1000;

// Redis' own clock (TIME) keeps every worker process on one time line, whatever their hosts' clocks say.
// KEYS: lock, next slot, day count, "an urgent send waits", "a reply waits", "a normal send waits", hour count,
// recent turns. ARGV[10]: the liveness prefix ('' without). ARGV[6] is the rank (0 urgent, 1 reply, 2 normal, 3 automatic): a send yields while a higher rank
// waits, and a waiting send of ranks 0-2 marks itself until half a second after its turn should come (a waiter that
// died holds the lower ranks back no longer). An automatic reply ranks as a reply while it had fewer than ARGV[8] of
// the last ARGV[9] turns, and last otherwise: it never delays notices by more than that share of the turns.
const TAKE = `${DEAD_HOLDER_LUA}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local poll = tonumber(ARGV[4])
local rank = tonumber(ARGV[6])
local automatic = rank == 3
if automatic then
  local recent = redis.call('LRANGE', KEYS[8], 0, tonumber(ARGV[9]) - 1)
  local autos = 0
  for _, kind in ipairs(recent) do if kind == 'a' then autos = autos + 1 end end
  if autos < tonumber(ARGV[8]) then rank = 1 end
end
for i = 1, math.min(rank, 3) do
  if redis.call('EXISTS', KEYS[3 + i]) == 1 then return {1, poll} end
end
local wait = 0
local held = redis.call('PTTL', KEYS[1])
if held > 0 and ARGV[10] ~= '' then
  -- The turn of a process that died (kill -9) is over now, not when its lock expires.
  local holder = string.match(redis.call('GET', KEYS[1]) or '', '^(.-)|')
  if deadHolder(ARGV[10], holder) then
    redis.call('DEL', KEYS[1])
    held = 0
  end
end
if held > 0 then wait = math.min(held, poll) end
local nextAt = tonumber(redis.call('GET', KEYS[2]) or '0')
if wait == 0 and nextAt > now then wait = nextAt - now end
if wait > 0 then
  if rank < 3 then redis.call('SET', KEYS[4 + rank], '1', 'PX', wait + 10 * poll) end
  return {1, wait}
end
local messages = tonumber(ARGV[3])
local sent = tonumber(redis.call('GET', KEYS[3]) or '0')
if ARGV[5] ~= '-1' and sent + messages > tonumber(ARGV[5]) then return {2, 0} end
local sentHour = tonumber(redis.call('GET', KEYS[7]) or '0')
if ARGV[7] ~= '-1' and sentHour + messages > tonumber(ARGV[7]) then return {3, 0} end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
-- A normal send's mark outlives its turn (until it expires): the notice that just went is about to ask again,
-- and automatic replies past their share must not slip in between.
if rank < 2 then redis.call('DEL', KEYS[4 + rank]) end
redis.call('LPUSH', KEYS[8], automatic and 'a' or 'o')
redis.call('LTRIM', KEYS[8], 0, tonumber(ARGV[9]) - 1)
redis.call('PEXPIRE', KEYS[8], 86400000)
return {0, 0}`;

// KEYS: lock, next slot, day count, hour count, first day, last turn's end and gap, overhead. ARGV[5]: today's local date, kept as the first day of
// sending (the warm-up's day 0) the first time the account sends.
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
  redis.call('INCRBY', KEYS[4], sent)
  redis.call('EXPIRE', KEYS[4], 7200)
  redis.call('SET', KEYS[5], ARGV[5], 'NX')
  -- How much longer than its gap the time between two turns' ends really was (the send itself, waking up):
  -- a moving average, for estimates. Longer pauses are not sending at the pace, and are not counted.
  local last = redis.call('GET', KEYS[6])
  if last then
    local lastAt, lastGap = string.match(last, '^(%d+) (%d+)$')
    local extra = now - tonumber(lastAt) - tonumber(lastGap)
    if extra >= 0 and extra < 60000 then
      local old = tonumber(redis.call('GET', KEYS[7]) or '-1')
      redis.call('SET', KEYS[7], old < 0 and extra or math.floor(old * 0.8 + extra * 0.2), 'EX', 604800)
    end
  end
  redis.call('SET', KEYS[6], now .. ' ' .. wait, 'PX', wait + 60000)
end
return 1`;

/** An account as its pace needs it: dispatch's accounts and the inbox's are the same accounts. */
export interface PacedAccount {
  id: string;
  rateLimit: SendBudget;
}

export type PacerTurn =
  | { kind: 'go'; token: string }
  | { kind: 'wait'; ms: number }
  | { kind: 'daily_cap'; reopensInMs: number }
  | { kind: 'hourly_cap'; reopensInMs: number };

/**
 * Who goes first when several sends wait for one account: urgent notices, then the inbox's answers to citizens
 * (a citizen waits for them), then normal notices; automatic replies (acknowledgements, keyword confirmations) go
 * with the answers for a bounded share of the turns, after notices beyond it.
 */
export type PacerRank = 'urgent' | 'reply' | 'normal' | 'automatic';
const RANK: Record<PacerRank, number> = { urgent: 0, reply: 1, normal: 2, automatic: 3 };

/** Where an account's budget stands now, across every process (the console shows it; estimates start from it). */
export interface PaceStatus {
  sentToday: number;
  sentThisHour: number;
  /** Today's daily cap, lower than `dailyCap` while a new number warms up. */
  dailyCapToday: number;
  /** The warm-up's day (0 = the first day the account sent), absent without a warm-up. */
  warmUpDay?: number;
  /** How long until the account may send again (0: now). */
  nextSendInMs: number;
  /** What a send has taken on top of its gap lately (the platform call, our writes), 0 before the first turns. */
  perMessageMs: number;
}

/**
 * Paces each channel account across every worker process, in Redis: one send at a time per account (a lock
 * with a time limit, in case its holder dies), each send at least `minIntervalMs` plus jitter after the end
 * of the previous one, and at most `dailyCap` messages per local calendar day. Every send on the account goes
 * through it, announcements and the inbox's acknowledgements and replies alike (`main.ts` hands it to the inbox).
 */
export class AccountPacer {
  private readonly takeScript: LuaScript<[number, number]>;
  private readonly releaseScript: LuaScript<number>;
  /** The first day each account sent, once known: it never changes. */
  private readonly firstDays = new Map<string, string>();

  constructor(
    private readonly redis: Redis,
    private readonly options: { lockMs: number; timeZone: string; prefix?: string; liveness?: Pick<ProcessLiveness, 'id' | 'prefix'> },
  ) {
    this.takeScript = luaScript(redis, 'sportelloPacerTake', 8, TAKE);
    this.releaseScript = luaScript(redis, 'sportelloPacerRelease', 7, RELEASE);
  }

  private base(account: string): string {
    return `${this.options.prefix ?? 'sportello:dispatch'}:account:${account}`;
  }

  private dayKey(account: string, at: Date): string {
    return `${this.base(account)}:sent:${localClock(at, this.options.timeZone).date}`;
  }

  /** Clock hours (UTC hours are the town's hours too, but for half-hour zones nobody runs Sportello in). */
  private hourKey(account: string, at: Date): string {
    return `${this.base(account)}:sent-hour:${Math.floor(at.getTime() / HOUR_MS)}`;
  }

  /**
   * Asks for the account's next turn to send `messages` messages. `capped: false` (the inbox's answers) is never
   * refused by the daily or hourly cap, though what it sends counts toward them.
   */
  async take(account: PacedAccount, messages: number, options: { rank?: PacerRank; capped?: boolean } = {}): Promise<PacerTurn> {
    // The process's id in the token lets another process end the turn at once if this one dies holding it.
    const token = this.options.liveness ? `${this.options.liveness.id}|${randomUUID()}` : randomUUID();
    const now = new Date();
    const base = this.base(account.id);
    const capped = options.capped !== false;
    const [code, ms] = await this.takeScript(
      `${base}:lock`,
      `${base}:next`,
      this.dayKey(account.id, now),
      `${base}:waiting:urgent`,
      `${base}:waiting:reply`,
      `${base}:waiting:normal`,
      this.hourKey(account.id, now),
      `${base}:recent-turns`,
      token,
      this.options.lockMs,
      messages,
      BUSY_POLL_MS,
      capped ? (await this.capToday(account, now)).cap : -1,
      RANK[options.rank ?? 'normal'],
      capped ? (account.rateLimit.hourlyCap ?? -1) : -1,
      AUTOMATIC_TURNS,
      RECENT_TURNS,
      this.options.liveness?.prefix ?? '',
    );
    if (code === 0) return { kind: 'go', token };
    if (code === 2) return { kind: 'daily_cap', reopensInMs: untilLocalMidnightMs(now, this.options.timeZone) };
    if (code === 3) return { kind: 'hourly_cap', reopensInMs: HOUR_MS - (now.getTime() % HOUR_MS) };
    return { kind: 'wait', ms };
  }

  /**
   * Ends a turn: `messagesSent` count toward the caps and, if any, the next turn starts a random gap from now;
   * `holdMs` (a platform's retry-after) keeps the whole account waiting at least that long.
   */
  async release(account: PacedAccount, token: string, messagesSent: number, holdMs = 0): Promise<void> {
    const now = new Date();
    const base = this.base(account.id);
    await this.releaseScript(
      `${base}:lock`,
      `${base}:next`,
      this.dayKey(account.id, now),
      this.hourKey(account.id, now),
      `${base}:first-day`,
      `${base}:last-release`,
      `${base}:overhead`,
      token,
      this.gapMs(account),
      messagesSent,
      Math.round(holdMs),
      localClock(now, this.options.timeZone).date,
    );
  }

  /** Messages the account has sent today (the local calendar day of the daily cap), across every process. */
  async sentToday(accountId: string): Promise<number> {
    return Number((await this.redis.get(this.dayKey(accountId, new Date()))) ?? 0);
  }

  async status(account: PacedAccount): Promise<PaceStatus> {
    const now = new Date();
    const base = this.base(account.id);
    const replies = ((await this.redis.multi().get(this.dayKey(account.id, now)).get(this.hourKey(account.id, now)).get(`${base}:next`).get(`${base}:overhead`).time().exec()) ?? []).map(
      ([, value]) => value,
    );
    const [day, hour, next, overhead] = replies as Array<string | null>;
    const [seconds, micros] = replies[4] as [string, string];
    const redisNow = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    const today = await this.capToday(account, now);
    return {
      sentToday: Number(day ?? 0),
      sentThisHour: Number(hour ?? 0),
      dailyCapToday: today.cap,
      ...(today.day !== undefined ? { warmUpDay: today.day } : {}),
      nextSendInMs: Math.max(0, Number(next ?? 0) - redisNow),
      perMessageMs: Number(overhead ?? 0),
    };
  }

  /** The daily cap of today: the warm-up's, counted from its `since` or from the first day the account sent. */
  private async capToday(account: PacedAccount, now: Date): Promise<{ cap: number; day?: number }> {
    const budget = account.rateLimit;
    if (!budget.warmUp) return { cap: budget.dailyCap };
    const today = localClock(now, this.options.timeZone).date;
    let since = budget.warmUp.since ?? this.firstDays.get(account.id);
    if (!since) {
      const stored = await this.redis.get(`${this.base(account.id)}:first-day`);
      if (stored) this.firstDays.set(account.id, stored);
      since = stored ?? today;
    }
    const day = Math.max(0, daysBetween(since, today));
    return { cap: dailyCapOn(budget, day), day };
  }

  /** How long a turn may go on sending: well inside the lock that keeps other processes out. */
  get turnBudgetMs(): number {
    return this.options.lockMs / 2;
  }

  /** The spacing between two messages of an account: drawn at random within its gap range. */
  gapMs(account: PacedAccount): number {
    return drawGapMs(account.rateLimit);
  }
}
