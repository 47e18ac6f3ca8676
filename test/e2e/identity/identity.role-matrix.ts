import { randomBytes } from 'node:crypto';
import { ROLES } from '../../../src/identity/index.js';
import { call } from '../../support/http.js';
import { onlyRoles, type MatrixContext, type RoleMatrixRow } from '../../support/role-matrix.js';
import type { RouteScopes } from '../../support/role-matrix.js';

const everyone = (ok: number) => onlyRoles(ROLES, ok);
const newUser = () => ({ email: `m-${randomBytes(5).toString('hex')}@sportello.test`, name: 'Matrix', role: 'viewer', password: 'a long enough password' });

/** A fresh token owned by the caller (or by the admin, for anonymous), issued by the admin. */
async function ownToken(ctx: MatrixContext): Promise<Record<string, string>> {
  const owner = ctx.as ?? ctx.admin;
  const issued = await call(ctx.stack, 'POST', '/api/v1/tokens', {
    headers: ctx.admin.headers,
    body: { name: 'to revoke', scopes: ['inbox:read'], userId: owner.user.id },
  });
  return { id: String(issued.body.id) };
}

const aViewer = (ctx: MatrixContext) => ({ id: ctx.callers.viewer.user.id });

/** Signing in is open to anyone who knows a password: each caller signs in as itself (anonymous as the admin). */
const ownCredentials = (ctx: MatrixContext) => {
  const who = ctx.as ?? ctx.admin;
  return { email: who.user.email, password: who.password };
};

export const identityRows: RoleMatrixRow[] = [
  { method: 'POST', path: '/api/v1/auth/login', body: ownCredentials, expect: { ...everyone(200), anonymous: 200 } },
  { method: 'GET', path: '/api/v1/auth/session', expect: everyone(200) },
  { method: 'POST', path: '/api/v1/auth/logout', expect: everyone(204) },
  // A wrong current password (400) proves the route let the caller in without changing a password the matrix signs in with.
  { method: 'POST', path: '/api/v1/auth/password', body: () => ({ currentPassword: 'not the password', newPassword: 'a long enough password' }), expect: everyone(400) },
  { method: 'GET', path: '/api/v1/users', expect: onlyRoles([], 200) },
  { method: 'POST', path: '/api/v1/users', body: newUser, expect: onlyRoles([], 201) },
  { method: 'GET', path: '/api/v1/users/:id', params: aViewer, expect: onlyRoles([], 200) },
  { method: 'PATCH', path: '/api/v1/users/:id', params: aViewer, body: () => ({ name: 'Renamed' }), expect: onlyRoles([], 200) },
  { method: 'GET', path: '/api/v1/tokens', expect: everyone(200) },
  { method: 'POST', path: '/api/v1/tokens', body: () => ({ name: 'matrix', scopes: ['inbox:read'] }), expect: onlyRoles(['editor', 'mediator'], 201) },
  { method: 'DELETE', path: '/api/v1/tokens/:id', params: ownToken, expect: onlyRoles(['editor', 'mediator'], 204) },
  { method: 'GET', path: '/api/v1/audit', expect: onlyRoles([], 200) },
];

/** The scope a token needs on each route (`null`: any token of an allowed role). */
export const identityScopes: RouteScopes = {
  'GET /api/v1/auth/session': null,
  'POST /api/v1/auth/logout': null,
  'POST /api/v1/auth/password': null,
  'GET /api/v1/users': 'users:admin',
  'POST /api/v1/users': 'users:admin',
  'GET /api/v1/users/:id': 'users:admin',
  'PATCH /api/v1/users/:id': 'users:admin',
  'GET /api/v1/tokens': null,
  'POST /api/v1/tokens': 'tokens:write',
  'DELETE /api/v1/tokens/:id': 'tokens:write',
  'GET /api/v1/audit': 'audit:read',
};
