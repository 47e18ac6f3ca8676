import type { Redis } from 'ioredis';
import { luaScript, type LuaScript } from '../../platform/redis/lua-script.js';

/**
 * WeChat's mass-send quota per account kind: a subscription account (订阅号) may mass-send once a day, a service
 * account (服务号) four times a month to each follower. Followers are in exactly one language tag, so for a service
 * account the four are counted per tag. Counted in Redis for every process, in WeChat's calendar (China time).
 */
export type AccountKind = 'subscription' | 'service';

const LIMITS: Record<AccountKind, number> = { subscription: 1, service: 4 };

/**
 * A mass send already counted (the same `clientmsgid`, a retry after a crash) passes again; a new one is counted
 * only while the period has room. Returns 1 when it may go, 0 when the quota is spent.
 */
const RESERVE = `
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 1 end
if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const KEEP_MS = 40 * 24 * 60 * 60 * 1000;

export class MassSendQuota {
  readonly #reserve: LuaScript<number>;

  constructor(
    private readonly redis: Redis,
    private readonly accountId: string,
    private readonly kind: AccountKind,
    private readonly clock: () => number,
  ) {
    this.#reserve = luaScript(redis, 'wechatOfficialReserveMassSend', 1, RESERVE);
  }

  /** Counts the send `clientMsgId` to the tag; resolves to the refusal to show staff when the quota is spent. */
  async reserve(tagId: number, clientMsgId: string): Promise<string | undefined> {
    const allowed = await this.#reserve(this.#key(tagId), clientMsgId, LIMITS[this.kind], KEEP_MS);
    if (allowed === 1) return undefined;
    return this.kind === 'subscription'
      ? 'the Official Account\'s mass send for today is spent: a subscription account may mass-send once a day (the next from 00:00 China time)'
      : 'the followers of this language have had their four mass sends this month: a service account may send each follower four a month (the next from the 1st, China time)';
  }

  /** WeChat refused the send: it does not count. */
  async release(tagId: number, clientMsgId: string): Promise<void> {
    await this.redis.srem(this.#key(tagId), clientMsgId);
  }

  /** Mass sends left in the current period for the tag. */
  async left(tagId: number): Promise<number> {
    return Math.max(0, LIMITS[this.kind] - (await this.redis.scard(this.#key(tagId))));
  }

  #key(tagId: number): string {
    const china = new Date(this.clock() + CHINA_OFFSET_MS).toISOString();
    // A subscription account's one a day is for the whole account; a service account's four a month, per tag.
    const period = this.kind === 'subscription' ? `day:${china.slice(0, 10)}` : `month:${china.slice(0, 7)}:tag:${tagId}`;
    return `wechat-official:${this.accountId}:mass-sends:${period}`;
  }
}
