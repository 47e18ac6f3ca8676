import type { Request, RequestHandler } from 'express';
import type { Principal } from './principal.js';
import type { ApiTokenService } from './api-token.service.js';
import type { AuthService } from './auth.service.js';
import type { SessionCookie } from './session-cookie.js';
import type { User } from './user.model.js';

const BEARER = /^Bearer (\S{20,512})$/;

function principalFor(user: User, via: Principal['via'], scopes: string[], csrfVerified: boolean): Principal {
  return { userId: user.id, email: user.email, role: user.role, languages: user.languages, via, scopes, csrfVerified };
}

/**
 * Who a request's credentials stand for: `Authorization: Bearer <token>` or, failing that, the session cookie.
 * Unknown, revoked or expired credentials and disabled users stand for nobody (undefined).
 */
export function createPrincipalResolver(deps: { auth: AuthService; tokens: ApiTokenService; cookie: SessionCookie }): (req: Request) => Promise<Principal | undefined> {
  return async (req) => {
    const bearer = BEARER.exec(req.headers.authorization ?? '')?.[1];
    if (bearer) {
      const found = await deps.tokens.resolve(bearer);
      return found ? principalFor(found.user, 'token', found.token.scopes, true) : undefined;
    }
    const sessionId = deps.cookie.read(req);
    if (!sessionId) return undefined;
    const user = await deps.auth.resolveSession(sessionId);
    return user ? principalFor(user, 'session', [], deps.auth.csrfMatches(sessionId, req.get('x-csrf-token'))) : undefined;
  };
}

/**
 * Sets `req.principal` (see `createPrincipalResolver`). Requests whose credentials stand for nobody stay
 * anonymous: `requireRole` then answers 401 on protected routes, and public routes still work.
 */
export function createAuthenticate(resolve: (req: Request) => Promise<Principal | undefined>): RequestHandler {
  return async (req, _res, next) => {
    const principal = await resolve(req);
    if (principal) req.principal = principal;
    next();
  };
}
