import type { Redis } from 'ioredis';

export type LuaScript<R> = (...keysThenArgs: Array<string | number>) => Promise<R>;

/**
 * A Lua script called by its SHA1 (EVALSHA) and sent whole only when Redis lacks it (after a restart):
 * ioredis' `defineCommand`. Plain EVAL would send the whole source with every call and have Redis hash it
 * again; a pacer turn per few messages makes that a measurable share of a fan-out.
 */
export function luaScript<R>(redis: Redis, name: string, numberOfKeys: number, lua: string): LuaScript<R> {
  redis.defineCommand(name, { numberOfKeys, lua });
  const command = (redis as unknown as Record<string, LuaScript<R>>)[name]!;
  return (...keysThenArgs) => command.apply(redis, keysThenArgs);
}
