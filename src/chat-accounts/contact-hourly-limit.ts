import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { luaScript, type LuaScript } from '../platform/redis/lua-script.js';

const HOUR_MS = 60 * 60 * 1000;

// Counts `ARGV[2]` messages into one chat for this clock hour unless that passes the limit; atomic, so two
// workers sending into the same chat cannot both take its last place.
const TAKE = `
local sent = tonumber(redis.call('GET', KEYS[1]) or '0')
if sent + tonumber(ARGV[2]) > tonumber(ARGV[1]) then return 0 end
redis.call('INCRBY', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

/**
 * At most a few messages per clock hour into one citizen's chat (WAHA's guidance: no more than a few an hour to
 * one contact), across every process. The inbox's answers are not counted: the citizen asked for them. The chat
 * id is hashed in the key, so Redis holds no phone number.
 */
export class ContactHourlyLimit {
  private readonly takeScript: LuaScript<number>;

  constructor(
    redis: Redis,
    private readonly prefix = 'sportello:chat-accounts',
  ) {
    this.takeScript = luaScript(redis, 'sportelloContactHourlyTake', 1, TAKE);
  }

  /** Takes `messages` places for the chat this hour: `ok`, or how long until the next hour opens. */
  async take(account: string, chatId: string, limit: number, messages: number, now = Date.now()): Promise<{ ok: true } | { ok: false; reopensInMs: number }> {
    const hour = Math.floor(now / HOUR_MS);
    const chat = createHash('sha256').update(`${account}\n${chatId}`).digest('base64url').slice(0, 22);
    const taken = await this.takeScript(`${this.prefix}:contact:${chat}:${hour}`, limit, messages, HOUR_MS + 60_000);
    return taken === 1 ? { ok: true } : { ok: false, reopensInMs: HOUR_MS - (now % HOUR_MS) };
  }
}
