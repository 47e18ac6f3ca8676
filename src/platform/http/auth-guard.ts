import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainError } from '../errors.js';

/**
 * What the guards need of whoever calls, set on `req.principal` by identity's authentication middleware (its
 * `Principal`, who owns the roles, is one): the platform checks names and scopes without knowing the roles.
 */
export interface Caller {
  role: string;
  via: 'session' | 'token';
  /** For API tokens: what the token may do (`*` for everything its user may do). */
  scopes: readonly string[];
  /**
   * For sessions: the request carried the session's `X-CSRF-Token`. Browsers attach cookies to forged
   * cross-site requests but never an Authorization header, so token calls need no CSRF token (always true).
   */
  csrfVerified: boolean;
}

/** The role that passes every role check. */
const ADMIN = 'admin';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Caller;
  }
}

export class Unauthenticated extends DomainError {
  readonly code = 'auth.unauthenticated';
  readonly kind = 'unauthenticated';
  constructor() {
    super('sign in, or send an API token as Authorization: Bearer <token>');
  }
}

export class Forbidden extends DomainError {
  readonly code = 'auth.forbidden';
  readonly kind = 'forbidden';
}

export class CsrfTokenInvalid extends DomainError {
  readonly code = 'auth.csrf_failed';
  readonly kind = 'forbidden';
  constructor() {
    super('send the X-CSRF-Token given at sign-in (or by GET /api/v1/auth/session) with every change');
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one authorisation mechanism: every route declares the roles (and, for tokens, the scope)
 * it needs. Admins pass every role check. Cookie-authenticated changes also need the CSRF token.
 */
export function requireRole(roles: readonly string[], scope?: string): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const who = req.principal;
    if (!who) return next(new Unauthenticated());
    if (!who.csrfVerified && !SAFE_METHODS.has(req.method)) return next(new CsrfTokenInvalid());
    if (!hasRole(who, roles)) {
      return next(new Forbidden(`this needs one of the roles: ${roles.join(', ')}`));
    }
    if (!hasScope(who, scope)) {
      return next(new Forbidden(`this API token lacks the scope ${scope}`));
    }
    next();
  };
}

/** `requireRole`'s rule as a test, for what is not a route (the live event stream filters its events by it). */
export function allows(who: Caller, roles: readonly string[], scope?: string): boolean {
  return hasRole(who, roles) && hasScope(who, scope);
}

function hasRole(who: Caller, roles: readonly string[]): boolean {
  return who.role === ADMIN || roles.includes(who.role);
}

function hasScope(who: Caller, scope: string | undefined): boolean {
  return who.via !== 'token' || !scope || who.scopes.includes('*') || who.scopes.includes(scope);
}
