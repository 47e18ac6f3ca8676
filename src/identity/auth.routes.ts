import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../platform/http/auth-guard.js';
import { principalOf, ROLES } from './principal.js';
import { parseBody } from '../platform/http/validate.js';
import type { AuthService } from './auth.service.js';
import { actorOf, type AuditLog } from './audit.service.js';
import { Email, NewPassword } from './identity.schemas.js';
import type { DeviceCookie } from './device-cookie.js';
import type { SessionCookie } from './session-cookie.js';

export const LoginBody = z.strictObject({ email: Email, password: z.string().min(1).max(256) });
export const ChangePasswordBody = z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: NewPassword });

/** `/api/v1/auth`: sign-in (sets the session cookie and returns the CSRF token), sign-out, who am I. */
export function createAuthRoutes(deps: { auth: AuthService; cookie: SessionCookie; device: DeviceCookie; audit: AuditLog }): Router {
  const router = Router();

  router.post('/login', async (req, res) => {
    const body = parseBody(LoginBody, req);
    const deviceId = deps.device.deviceIdFor(req, body.email);
    const signedIn = await deps.auth.login({ ...body, ip: req.ip ?? 'unknown', ...(deviceId ? { deviceId } : {}) });
    deps.cookie.set(res, signedIn.sessionId, signedIn.expiresAt);
    deps.device.issue(res, body.email, deviceId);
    // The CSRF token is a credential: no browser or proxy cache may keep it.
    res.set('Cache-Control', 'no-store');
    res.json({ user: signedIn.user, csrfToken: signedIn.csrfToken, expiresAt: signedIn.expiresAt });
  });

  router.post('/logout', requireRole(ROLES), async (req, res) => {
    const principal = principalOf(req);
    const sessionId = deps.cookie.read(req);
    if (principal.via === 'session' && sessionId) {
      await deps.auth.logout(sessionId);
      deps.cookie.clear(res);
      await deps.audit.record({ actor: actorOf(principal), action: 'auth.logout', target: { type: 'user', id: principal.userId } });
    }
    res.status(204).end();
  });

  // One's own password: every role, by session or token; the other sessions end, this one stays.
  router.post('/password', requireRole(ROLES), async (req, res) => {
    const principal = principalOf(req);
    const body = parseBody(ChangePasswordBody, req);
    await deps.auth.changePassword({
      userId: principal.userId,
      email: principal.email,
      ...body,
      sessionId: principal.via === 'session' ? deps.cookie.read(req) : undefined,
      ip: req.ip ?? 'unknown',
    });
    res.status(204).end();
  });

  router.get('/session', requireRole(ROLES), (req, res) => {
    const principal = principalOf(req);
    const sessionId = deps.cookie.read(req);
    res.set('Cache-Control', 'no-store');
    res.json({
      user: { id: principal.userId, email: principal.email, role: principal.role, languages: principal.languages },
      via: principal.via,
      ...(principal.via === 'session' && sessionId ? { csrfToken: deps.auth.csrfTokenOf(sessionId) } : { scopes: principal.scopes }),
    });
  });

  return router;
}
