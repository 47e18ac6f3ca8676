import type { Redis } from 'ioredis';
import { digestOpaqueToken } from './opaque-token.js';
import { TooManyLoginAttempts } from './identity.errors.js';

export interface LoginThrottleLimits {
  /** Failed sign-ins for one e-mail within the window that lock that e-mail. */
  maxFailuresPerEmail: number;
  /** Failed sign-ins from one address within the window that lock that address (spraying many e-mails). */
  maxFailuresPerIp: number;
  windowSeconds: number;
  lockSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginThrottleLimits = { maxFailuresPerEmail: 5, maxFailuresPerIp: 30, windowSeconds: 900, lockSeconds: 900 };

/**
 * Brute-force protection in Redis, so it holds across processes and restarts. Counters are keyed by a
 * digest of the e-mail and address: Redis never holds them in clear. A locked e-mail is refused even
 * with the right password until the lock expires.
 */
export function createLoginThrottle(redis: Redis, limits: LoginThrottleLimits = DEFAULT_LOGIN_LIMITS) {
  const byEmail = (email: string) => ({ key: `sportello:login:email:${digestOpaqueToken(email)}`, max: limits.maxFailuresPerEmail });
  const byIp = (ip: string) => ({ key: `sportello:login:ip:${digestOpaqueToken(ip)}`, max: limits.maxFailuresPerIp });
  const subjects = (email: string, ip: string) => [byEmail(email), byIp(ip)];

  return {
    async assertAllowed(email: string, ip: string): Promise<void> {
      const remaining = await Promise.all(subjects(email, ip).map((s) => redis.pttl(`${s.key}:lock`)));
      const longest = Math.max(...remaining);
      if (longest > 0) throw new TooManyLoginAttempts(Math.ceil(longest / 1000));
    },

    /** Counts a failure; resolves to true when this failure locked the e-mail or the address. */
    async recordFailure(email: string, ip: string): Promise<boolean> {
      let locked = false;
      for (const subject of subjects(email, ip)) {
        const result = await redis.multi().set(subject.key, 0, 'EX', limits.windowSeconds, 'NX').incr(subject.key).exec();
        const failures = Number(result?.[1]?.[1] ?? 0);
        if (failures >= subject.max) {
          await redis.multi().set(`${subject.key}:lock`, 1, 'EX', limits.lockSeconds).del(subject.key).exec();
          locked = true;
        }
      }
      return locked;
    },

    async recordSuccess(email: string): Promise<void> {
      await redis.del(byEmail(email).key);
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
