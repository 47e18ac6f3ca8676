import type { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { luaScript, type LuaScript } from '../../platform/redis/lua-script.js';

/** Fetches a new token from WeChat (`GET /cgi-bin/token`); throws `OfficialAccountError` or a network error. */
export type TokenFetcher = () => Promise<{ token: string; expiresInSeconds: number }>;

/** Refreshed this long before WeChat says it expires, so no call goes out with a token about to die. */
const REFRESH_MARGIN_MS = 10 * 60_000;
const LOCK_MS = 15_000;
const WAIT_STEP_MS = 50;

/** Deletes the token only if it is still the one that WeChat refused: another process may have refreshed it already. */
const DELETE_IF_SAME = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
/** Releases the lock only if it is still ours (it expires by itself if we die). */
const UNLOCK_IF_OURS = DELETE_IF_SAME;

interface StoredToken {
  token: string;
  /** Epoch ms at which WeChat stops accepting it. */
  expiresAt: number;
}

/**
 * The account's access token, one for every process of the service, kept in Redis. WeChat invalidates the previous
 * token a few minutes after each `GET /cgi-bin/token` and counts those calls against a daily quota (2000), so
 * processes that each fetched their own would keep breaking one another: here exactly one process at a time
 * (a lock with a TTL) fetches, before the token expires, and the others read what it stored.
 */
export class SharedAccessToken {
  readonly #deleteIfSame: LuaScript<number>;
  readonly #unlockIfOurs: LuaScript<number>;

  constructor(
    private readonly redis: Redis,
    private readonly accountId: string,
    private readonly fetchToken: TokenFetcher,
    private readonly clock: () => number = Date.now,
  ) {
    this.#deleteIfSame = luaScript(redis, 'wechatOfficialDeleteIfSame', 1, DELETE_IF_SAME);
    this.#unlockIfOurs = luaScript(redis, 'wechatOfficialUnlockIfOurs', 1, UNLOCK_IF_OURS);
  }

  get #key(): string {
    return `wechat-official:${this.accountId}:access-token`;
  }

  get #lockKey(): string {
    return `wechat-official:${this.accountId}:access-token-refresh`;
  }

  /** A token valid for at least the margin; fetched by this process only when no other is fetching one. */
  async get(): Promise<string> {
    const deadline = this.clock() + LOCK_MS * 2;
    for (;;) {
      const stored = await this.#read();
      const fresh = stored && stored.expiresAt - this.clock() > REFRESH_MARGIN_MS;
      if (fresh) return stored.token;
      const refreshed = await this.#refreshIfFirst();
      if (refreshed) return refreshed;
      // Another process is fetching: the old token (if any) is still valid during the margin.
      if (stored && stored.expiresAt > this.clock()) return stored.token;
      if (this.clock() > deadline) throw new Error('no WeChat access token: another process holds the refresh and stores none');
      await sleep(WAIT_STEP_MS);
    }
  }

  /** WeChat refused `token` (40001/42001): forget it, unless another process has replaced it already. */
  async invalidate(token: string): Promise<void> {
    const raw = await this.redis.get(this.#key);
    if (raw && (JSON.parse(raw) as StoredToken).token === token) await this.#deleteIfSame(this.#key, raw);
  }

  async #read(): Promise<StoredToken | undefined> {
    const raw = await this.redis.get(this.#key);
    return raw ? (JSON.parse(raw) as StoredToken) : undefined;
  }

  async #refreshIfFirst(): Promise<string | undefined> {
    const owner = `${process.pid}:${Math.random().toString(36).slice(2)}`;
    if ((await this.redis.set(this.#lockKey, owner, 'PX', LOCK_MS, 'NX')) !== 'OK') return undefined;
    try {
      // Another call may have refreshed between our read and our lock: its token serves, no second fetch.
      const stored = await this.#read();
      if (stored && stored.expiresAt - this.clock() > REFRESH_MARGIN_MS) return stored.token;
      const { token, expiresInSeconds } = await this.fetchToken();
      const expiresAt = this.clock() + expiresInSeconds * 1000;
      await this.redis.set(this.#key, JSON.stringify({ token, expiresAt } satisfies StoredToken), 'PX', Math.max(1, expiresInSeconds * 1000));
      return token;
    } finally {
      await this.#unlockIfOurs(this.#lockKey, owner);
    }
  }
}
