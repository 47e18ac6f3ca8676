import { expect } from 'chai';
import type { Request } from 'express';
import { requireRole } from '../../../src/platform/http/auth-guard.js';
import type { Principal } from '../../../src/identity/index.js';
import type { DomainError } from '../../../src/platform/errors.js';

function principal(overrides: Partial<Principal> = {}): Principal {
  return { userId: 'u1', email: 'e@x.test', role: 'editor', languages: [], via: 'token', scopes: ['*'], csrfVerified: true, ...overrides };
}

/** Runs the guard and returns the error it passed to `next` (undefined when it let the request through). */
function guard(roles: Parameters<typeof requireRole>[0], scope: string | undefined, method: string, who?: Principal): DomainError | undefined {
  let passed: unknown = 'not called';
  requireRole(roles, scope)({ method, principal: who } as Request, {} as never, (error?: unknown) => {
    passed = error;
  });
  if (passed === 'not called') throw new Error('the guard did not call next');
  return passed as DomainError | undefined;
}

describe('requireRole', () => {
  it('no principal, is unauthenticated', () => {
    expect(guard(['editor'], undefined, 'GET')?.code).to.equal('auth.unauthenticated');
  });

  it('a role not listed, is forbidden; an admin always passes', () => {
    expect(guard(['editor'], undefined, 'GET', principal({ role: 'viewer' }))?.code).to.equal('auth.forbidden');
    expect(guard(['editor'], undefined, 'GET', principal({ role: 'admin' }))).to.equal(undefined);
  });

  it('a token without the scope, is forbidden; with it or `*`, passes', () => {
    expect(guard(['editor'], 'announcements:publish', 'POST', principal({ scopes: ['announcements:write'] }))?.code).to.equal('auth.forbidden');
    expect(guard(['editor'], 'announcements:publish', 'POST', principal({ scopes: ['announcements:publish'] }))).to.equal(undefined);
    expect(guard(['editor'], 'announcements:publish', 'POST', principal({ scopes: ['*'] }))).to.equal(undefined);
  });

  it('a session write without the CSRF token, is refused; a session read is not', () => {
    const session = principal({ via: 'session', scopes: [], csrfVerified: false });

    expect(guard(['editor'], 'announcements:write', 'POST', session)?.code).to.equal('auth.csrf_failed');
    expect(guard(['editor'], 'announcements:write', 'DELETE', session)?.code).to.equal('auth.csrf_failed');
    expect(guard(['editor'], undefined, 'GET', session)).to.equal(undefined);
  });

  it('a session write with the CSRF token, ignores token scopes', () => {
    expect(guard(['editor'], 'announcements:write', 'POST', principal({ via: 'session', scopes: [], csrfVerified: true }))).to.equal(undefined);
  });
});
