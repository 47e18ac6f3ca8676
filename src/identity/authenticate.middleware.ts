import type { RequestHandler } from 'express';
import type { Principal } from '../platform/http/auth-guard.js';
import type { ApiTokenService } from './api-token.service.js';
import type { AuthService } from './auth.service.js';
import type { SessionCookie } from './session-cookie.js';
import type { User } from './user.model.js';

const BEARER = /^Bearer (\S{20,512})$/;

function principalFor(user: User, via: Principal['via'], scopes: string[], csrfVerified: boolean): Principal {
  return { userId: user.id, email: user.email, role: user.role, languages: user.languages, via, scopes, csrfVerified };
}

/**
 * Sets `req.principal` from `Authorization: Bearer <token>` or, failing that, from the session cookie.
 * Unknown, revoked or expired credentials and disabled users leave the request anonymous: `requireRole`
 * then answers 401 on protected routes, and public routes still work.
 */
export function createAuthenticate(deps: { auth: AuthService; tokens: ApiTokenService; cookie: SessionCookie }): RequestHandler {
  return async (req, _res, next) => {
    const bearer = BEARER.exec(req.headers.authorization ?? '')?.[1];
    if (bearer) {
      const found = await deps.tokens.resolve(bearer);
      if (found) req.principal = principalFor(found.user, 'token', found.token.scopes, true);
      return next();
    }
    const sessionId = deps.cookie.read(req);
    if (sessionId) {
      const user = await deps.auth.resolveSession(sessionId);
      if (user) req.principal = principalFor(user, 'session', [], deps.auth.csrfMatches(sessionId, req.get('x-csrf-token')));
    }
    next();
  };
}
