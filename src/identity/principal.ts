import type { Request } from 'express';
import { Unauthenticated, type Caller } from '../platform/http/auth-guard.js';

export type Role = 'admin' | 'editor' | 'mediator' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'editor', 'mediator', 'viewer'];

/** Who is calling: a staff member, by session or API token; the HTTP guards read it as a `Caller`. */
export interface Principal extends Caller {
  userId: string;
  email: string;
  role: Role;
  /** Languages a mediator works in; empty for other roles. */
  languages: string[];
  scopes: string[];
}

/** The caller of an authenticated route; only identity's middleware sets `req.principal`, always to a `Principal`. */
export function principalOf(req: Request): Principal {
  const caller = req.principal;
  if (!caller || !isPrincipal(caller)) throw new Unauthenticated();
  return caller;
}

function isPrincipal(caller: Caller): caller is Principal {
  return 'userId' in caller;
}
