import { randomBytes } from 'node:crypto';
import type { Role } from '../../src/identity/index.js';
import { call } from './http.js';
import type { TestStack } from './stack.js';

/** Someone signed in through the real API: pass `headers` to `call` (or fetch) to act as them. */
export interface SignedInUser {
  user: { id: string; email: string; role: Role; languages: string[] };
  password: string;
  token: string;
  headers: { authorization: string };
}

/** A cookie session: send both headers on writes, only `cookie` to test CSRF refusal. */
export interface SessionCredentials {
  cookie: string;
  csrfToken: string;
  headers: { cookie: string; 'x-csrf-token': string };
}

function expectStatus(what: string, actual: { status: number; body: unknown }, expected: number): void {
  if (actual.status !== expected) throw new Error(`${what}: expected ${expected}, got ${actual.status} ${JSON.stringify(actual.body)}`);
}

/** Signs in with e-mail and password (`POST /api/v1/auth/login`) and returns the session cookie and CSRF token. */
export async function openSession(stack: TestStack, credentials: { email: string; password: string }): Promise<SessionCredentials> {
  const response = await call(stack, 'POST', '/api/v1/auth/login', { body: credentials });
  expectStatus(`sign-in of ${credentials.email}`, response, 200);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrfToken = String(response.body.csrfToken);
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}

const adminTokens = new WeakMap<TestStack, Promise<SignedInUser>>();

/** The bootstrap admin with a `*` API token, created once per stack through the sign-in and token routes. */
export function signInAsAdmin(stack: TestStack): Promise<SignedInUser> {
  let admin = adminTokens.get(stack);
  if (!admin) {
    admin = (async () => {
      const session = await openSession(stack, stack.admin);
      const created = await call(stack, 'POST', '/api/v1/tokens', { headers: session.headers, body: { name: 'test admin', scopes: ['*'] } });
      expectStatus('admin token', created, 201);
      const me = await call(stack, 'GET', '/api/v1/auth/session', { headers: { cookie: session.cookie } });
      const token = String(created.body.token);
      return { user: me.body.user, password: stack.admin.password, token, headers: { authorization: `Bearer ${token}` } };
    })();
    adminTokens.set(stack, admin);
  }
  return admin;
}

/**
 * A fresh user with `role` and an API token, created by the bootstrap admin through `/api/v1/users` and
 * `/api/v1/tokens`. Mediators get `languages` (default `['ar']`); `scopes` default to `['*']`.
 * `role: 'admin'` also makes a new admin (use `signInAsAdmin` for the bootstrap one).
 */
export async function signInAs(stack: TestStack, role: Role, options: { languages?: string[]; scopes?: string[] } = {}): Promise<SignedInUser> {
  const admin = await signInAsAdmin(stack);
  const password = randomBytes(18).toString('base64url');
  const email = `${role}-${randomBytes(6).toString('hex')}@sportello.test`;
  const languages = role === 'mediator' ? (options.languages ?? ['ar']) : [];
  const created = await call(stack, 'POST', '/api/v1/users', {
    headers: admin.headers,
    body: { email, name: `Test ${role}`, role, languages, password },
  });
  expectStatus(`creating a ${role}`, created, 201);
  const issued = await call(stack, 'POST', '/api/v1/tokens', {
    headers: admin.headers,
    body: { name: `test ${role}`, scopes: options.scopes ?? ['*'], userId: created.body.id },
  });
  expectStatus(`token for a ${role}`, issued, 201);
  const token = String(issued.body.token);
  return {
    user: { id: created.body.id, email, role, languages: created.body.languages },
    password,
    token,
    headers: { authorization: `Bearer ${token}` },
  };
}
