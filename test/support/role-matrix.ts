import { ROLES, type Role } from '../../src/identity/index.js';
import type { TokenScope } from '../../src/identity/api-token.service.js';
import { signInAs, signInAsAdmin, type SignedInUser } from './auth.js';
import type { TestStack } from './stack.js';

export type Caller = 'anonymous' | Role;
export const CALLERS: readonly Caller[] = ['anonymous', ...ROLES];

/** What a row's path and body builders get: the stack, who is calling, and the bootstrap admin for set-up. */
export interface MatrixContext {
  stack: TestStack;
  caller: Caller;
  /** The caller's account and `*` token; undefined for anonymous. */
  as: SignedInUser | undefined;
  callers: Record<Role, SignedInUser>;
  admin: SignedInUser;
}

/**
 * One route in the authorisation matrix: the expected status for every caller. `path` is the route as
 * declared (`/api/v1/users/:id`); `params` fills its placeholders. Builders run once per caller, so a row
 * can create what it needs (e.g. a token to revoke) fresh each time.
 */
export interface RoleMatrixRow {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  params?: (ctx: MatrixContext) => Promise<Record<string, string>> | Record<string, string>;
  body?: (ctx: MatrixContext) => unknown;
  expect: Record<Caller, number>;
}

/** The row's path with its `:placeholders` filled for this caller. */
export async function pathFor(row: RoleMatrixRow, ctx: MatrixContext): Promise<string> {
  const params = (await row.params?.(ctx)) ?? {};
  return row.path.replace(/:(\w+)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`row ${row.method} ${row.path} gives no value for :${name}`);
    return encodeURIComponent(value);
  });
}

/** Expected statuses for a route that admins (and `allowed`) may call with status `ok`. */
export function onlyRoles(allowed: readonly Role[], ok: number): Record<Caller, number> {
  const expected = { anonymous: 401 } as Record<Caller, number>;
  for (const role of ROLES) expected[role] = role === 'admin' || allowed.includes(role) ? ok : 403;
  return expected;
}

/** One account per role, each with a `*` API token; mediators work in Arabic. */
export async function signInEveryRole(stack: TestStack): Promise<{ callers: Record<Role, SignedInUser>; admin: SignedInUser }> {
  const admin = await signInAsAdmin(stack);
  const callers = { admin } as Record<Role, SignedInUser>;
  for (const role of ROLES.filter((r) => r !== 'admin')) callers[role] = await signInAs(stack, role, { languages: ['ar'] });
  return { callers, admin };
}

/**
 * Per route (`METHOD /path` as mounted, `* /prefix` for a mounted app), the scope an API token needs besides its
 * role, as the route's `requireRole` declares it; `null` when any token of an allowed role may call it.
 */
export type RouteScopes = Record<string, Exclude<TokenScope, '*'> | null>;
