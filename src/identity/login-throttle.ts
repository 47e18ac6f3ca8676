import type { Redis } from 'ioredis';
import { digestOpaqueToken } from './opaque-token.js';
import { TooManyLoginAttempts } from './identity.errors.js';

export interface LoginThrottleLimits {
  /** Failed sign-ins on one account (from one known browser, or from all unknown ones) before each further one waits. */
  freeFailuresPerAccount: number;
  /** Failed sign-ins from one address, whatever the e-mails, before each further one waits (password spraying). */
  freeFailuresPerAddress: number;
  /** The first wait; each further failure doubles it. */
  firstDelaySeconds: number;
  /** The longest wait for an account: short, since strangers can make unknown browsers wait this long. */
  maxAccountDelaySeconds: number;
  /** The longest wait for an address: only that address (behind a correctly set `TRUST_PROXY`) waits. */
  maxAddressDelaySeconds: number;
  /** Failures are forgotten this long after the last one. */
  windowSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginThrottleLimits = {
  freeFailuresPerAccount: 5,
  freeFailuresPerAddress: 20,
  firstDelaySeconds: 2,
  maxAccountDelaySeconds: 60,
  maxAddressDelaySeconds: 900,
  windowSeconds: 900,
};

/** Who is signing in: the typed e-mail, the client's address and, if it has one for that e-mail, its browser's device id. */
export interface LoginAttempt {
  email: string;
  ip: string;
  /** Set only when the request carries a valid device cookie issued to this e-mail at an earlier sign-in. */
  deviceId?: string;
}

/**
 * Brute-force protection with growing waits instead of a lock-out, in Redis so it holds across processes and
 * restarts. Counters are keyed by digests: Redis never holds an e-mail or an address in clear.
 *
 * Three counters, so that nobody can lock someone else out (OWASP, "Slow Down Online Guessing Attacks with
 * Device Cookies"): per address (one address spraying many accounts waits, and only that address); per account
 * from unknown browsers (a guesser rotating addresses gets one try per minute at most); per account and known
 * browser (a browser that signed in to the account before counts only its own failures, so a stranger's
 * failures never make the real person wait). While a counter's wait runs, the attempt is refused unread.
 */
export function createLoginThrottle(redis: Redis, limits: LoginThrottleLimits = DEFAULT_LOGIN_LIMITS) {
  const subjects = (attempt: LoginAttempt) => [
    { key: `sportello:login:ip:${digestOpaqueToken(attempt.ip)}`, free: limits.freeFailuresPerAddress, max: limits.maxAddressDelaySeconds },
    attempt.deviceId
      ? { key: `sportello:login:device:${digestOpaqueToken(`${attempt.email}\n${attempt.deviceId}`)}`, free: limits.freeFailuresPerAccount, max: limits.maxAccountDelaySeconds }
      : { key: `sportello:login:account:${digestOpaqueToken(attempt.email)}`, free: limits.freeFailuresPerAccount, max: limits.maxAccountDelaySeconds },
  ];

  return {
    /** Throws `TooManyLoginAttempts` (with the seconds left) while any of the attempt's waits runs. */
    async assertAllowed(attempt: LoginAttempt): Promise<void> {
      const remaining = await Promise.all(subjects(attempt).map((s) => redis.pttl(`${s.key}:wait`)));
      const longest = Math.max(...remaining);
      if (longest > 0) throw new TooManyLoginAttempts(Math.ceil(longest / 1000));
    },

    /** Counts a failure; resolves to the wait in seconds it started before the next attempt (0: none yet). */
    async recordFailure(attempt: LoginAttempt): Promise<number> {
      let longest = 0;
      for (const subject of subjects(attempt)) {
        const result = await redis.multi().incr(subject.key).expire(subject.key, limits.windowSeconds).exec();
        const failures = Number(result?.[0]?.[1] ?? 0);
        const beyond = failures - subject.free;
        if (beyond <= 0) continue;
        const delay = Math.min(limits.firstDelaySeconds * 2 ** Math.min(beyond - 1, 30), subject.max);
        await redis.set(`${subject.key}:wait`, 1, 'EX', delay);
        longest = Math.max(longest, delay);
      }
      return longest;
    },

    /** The account's counter for this browser (or for unknown ones) starts again; the address's does not. */
    async recordSuccess(attempt: LoginAttempt): Promise<void> {
      const [, account] = subjects(attempt);
      if (account) await redis.del(account.key, `${account.key}:wait`);
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
