import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditLog } from './audit.service.js';
import { CurrentPasswordWrong, InvalidCredentials, PasswordUnchanged } from './identity.errors.js';
import type { LoginAttempt, LoginThrottle } from './login-throttle.js';
import { digestOpaqueToken, generateOpaqueToken } from './opaque-token.js';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './password-hasher.js';
import type { SessionRepository } from './session.repository.js';
import type { User } from './user.model.js';
import type { UserRepository } from './user.repository.js';

export interface SignedIn {
  user: User;
  /** The cookie value: shown to the browser once, stored only as a digest. */
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface AuthServiceDeps {
  users: UserRepository;
  sessions: SessionRepository;
  throttle: LoginThrottle;
  audit: AuditLog;
  /** Keys the CSRF tokens, which are derived from the session id and so need no storage. */
  csrfSecret: string;
  sessionTtlMs: number;
}

/** Sign-in, sign-out and the per-request session check. */
export function createAuthService(deps: AuthServiceDeps) {
  const csrfTokenOf = (sessionId: string): string => createHmac('sha256', deps.csrfSecret).update(`csrf:${sessionId}`).digest('base64url');

  return {
    /** `attempt.deviceId`: the browser's device cookie, when it was issued to this e-mail (see `device-cookie.ts`). */
    async login(input: LoginAttempt & { password: string }): Promise<SignedIn> {
      const attempt: LoginAttempt = { email: input.email, ip: input.ip, ...(input.deviceId ? { deviceId: input.deviceId } : {}) };
      await deps.throttle.assertAllowed(attempt);
      const found = await deps.users.findCredentials(input.email);
      const valid = found ? await verifyPassword(input.password, found.passwordHash) : await verifyAgainstDecoy(input.password);
      if (!found || !valid || found.user.disabled) {
        const waitSeconds = await deps.throttle.recordFailure(attempt);
        // The typed e-mail is not recorded: people sometimes type their password into it.
        await deps.audit.record({
          actor: { type: 'anonymous' },
          action: 'auth.login_failed',
          target: found ? { type: 'user', id: found.user.id } : null,
          details: { ip: input.ip, reason: !found ? 'unknown_email' : found.user.disabled ? 'disabled' : 'wrong_password', waitSeconds, knownBrowser: attempt.deviceId !== undefined },
        });
        throw new InvalidCredentials();
      }
      await deps.throttle.recordSuccess(attempt);
      const sessionId = generateOpaqueToken('');
      const now = new Date();
      const expiresAt = new Date(now.getTime() + deps.sessionTtlMs);
      await deps.sessions.create(digestOpaqueToken(sessionId), { userId: found.user.id, createdAt: now, expiresAt });
      await deps.audit.record({
        actor: { type: 'user', id: found.user.id, email: found.user.email },
        action: 'auth.login',
        target: { type: 'user', id: found.user.id },
        details: { ip: input.ip },
      });
      return { user: found.user, sessionId, csrfToken: csrfTokenOf(sessionId), expiresAt };
    },

    /**
     * A person changes their own password, typing the current one again: wrong guesses count toward the sign-in
     * throttle (a stolen session must not become a way to try passwords). Every other session of theirs ends; the
     * one asking (`sessionId`) stays signed in.
     */
    async changePassword(input: { userId: string; email: string; currentPassword: string; newPassword: string; sessionId?: string | undefined; ip: string }): Promise<void> {
      // A signed-in person's own failures: counted like an unknown browser's, so a stolen session cannot guess freely.
      const attempt: LoginAttempt = { email: input.email, ip: input.ip };
      await deps.throttle.assertAllowed(attempt);
      const found = await deps.users.findCredentials(input.email);
      if (!found || found.user.id !== input.userId || !(await verifyPassword(input.currentPassword, found.passwordHash))) {
        const waitSeconds = await deps.throttle.recordFailure(attempt);
        await deps.audit.record({
          actor: { type: 'user', id: input.userId, email: input.email },
          action: 'auth.password_change_failed',
          target: { type: 'user', id: input.userId },
          details: { ip: input.ip, waitSeconds },
        });
        throw new CurrentPasswordWrong();
      }
      if (input.newPassword === input.currentPassword) throw new PasswordUnchanged();
      await deps.users.update(input.userId, { passwordHash: await hashPassword(input.newPassword) });
      await deps.sessions.deleteOthersOf(input.userId, input.sessionId ? digestOpaqueToken(input.sessionId) : undefined);
      await deps.audit.record({ actor: { type: 'user', id: input.userId, email: input.email }, action: 'auth.password_changed', target: { type: 'user', id: input.userId }, details: { ip: input.ip } });
    },

    async logout(sessionId: string): Promise<void> {
      await deps.sessions.delete(digestOpaqueToken(sessionId));
    },

    /** The signed-in user, re-read on every request so that disabling or demoting takes effect at once. */
    async resolveSession(sessionId: string): Promise<User | null> {
      const session = await deps.sessions.findLive(digestOpaqueToken(sessionId), new Date());
      if (!session) return null;
      const user = await deps.users.findById(session.userId);
      return user && !user.disabled ? user : null;
    },

    csrfTokenOf,

    csrfMatches(sessionId: string, sent: string | undefined): boolean {
      if (!sent) return false;
      const expected = Buffer.from(csrfTokenOf(sessionId));
      const actual = Buffer.from(sent);
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
