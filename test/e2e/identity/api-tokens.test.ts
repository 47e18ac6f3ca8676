import { expect } from 'chai';
import { signInAs, signInAsAdmin } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { startTestStack, type TestStack } from '../../support/stack.js';

describe('API tokens', () => {
  let stack: TestStack;

  before(async () => {
    stack = await startTestStack();
  });

  after(() => stack.stop());

  it('a token without the route’s scope, is a 403 even for an admin; a route needing no scope answers', async () => {
    const auditor = await signInAs(stack, 'admin', { scopes: ['audit:read'] });

    const audit = await call(stack, 'GET', '/api/v1/audit', { headers: auditor.headers });
    const users = await call(stack, 'GET', '/api/v1/users', { headers: auditor.headers });
    const newToken = await call(stack, 'POST', '/api/v1/tokens', { headers: auditor.headers, body: { name: 'x', scopes: ['*'] } });

    expect(audit.status).to.equal(200);
    expect(users.status).to.equal(403);
    expect(users.body.detail).to.contain('users:admin');
    expect(newToken.status).to.equal(403);
  });

  it('a scope wider than the role, grants nothing the role lacks', async () => {
    const viewer = await signInAs(stack, 'viewer', { scopes: ['*'] });

    const response = await call(stack, 'GET', '/api/v1/users', { headers: viewer.headers });

    expect(response.status).to.equal(403);
  });

  it('the secret, is shown once: listing shows a prefix, no secret and no digest, and the last use', async () => {
    const editor = await signInAs(stack, 'editor');
    await call(stack, 'GET', '/api/v1/auth/session', { headers: editor.headers });

    const list = await call(stack, 'GET', '/api/v1/tokens', { headers: editor.headers });

    expect(list.status).to.equal(200);
    const [token] = list.body.items;
    expect(token).to.include.keys('id', 'name', 'prefix', 'scopes', 'createdAt', 'lastUsedAt', 'revokedAt');
    expect(token).not.to.have.any.keys('token', 'digest', 'secret');
    expect(editor.token.startsWith(token.prefix)).to.equal(true);
    expect(token.lastUsedAt).to.be.a('string');
  });

  it('a revoked token, stops working at once and the revocation is audited', async () => {
    const editor = await signInAs(stack, 'editor');
    const issued = await call(stack, 'POST', '/api/v1/tokens', { headers: editor.headers, body: { name: 'script', scopes: ['announcements:write'] } });
    const script = { authorization: `Bearer ${String(issued.body.token)}` };
    expect((await call(stack, 'GET', '/api/v1/auth/session', { headers: script })).status).to.equal(200);

    const revoked = await call(stack, 'DELETE', `/api/v1/tokens/${String(issued.body.id)}`, { headers: editor.headers });

    expect(revoked.status).to.equal(204);
    expect((await call(stack, 'GET', '/api/v1/auth/session', { headers: script })).status).to.equal(401);
    const admin = await signInAsAdmin(stack);
    const audit = await call(stack, 'GET', `/api/v1/audit?action=token.revoked&targetId=${String(issued.body.id)}`, { headers: admin.headers });
    expect(audit.body.items).to.have.length(1);
    expect(audit.body.items[0].actor).to.include({ type: 'user', id: editor.user.id });
  });

  it('someone else’s token, cannot be revoked or listed by a non-admin', async () => {
    const owner = await signInAs(stack, 'editor');
    const other = await signInAs(stack, 'mediator');
    const list = await call(stack, 'GET', '/api/v1/tokens', { headers: owner.headers });

    const revoke = await call(stack, 'DELETE', `/api/v1/tokens/${String(list.body.items[0].id)}`, { headers: other.headers });
    const peek = await call(stack, 'GET', `/api/v1/tokens?userId=${owner.user.id}`, { headers: other.headers });

    expect(revoke.status).to.equal(404);
    expect(peek.status).to.equal(403);
    expect((await call(stack, 'GET', '/api/v1/auth/session', { headers: owner.headers })).status).to.equal(200);
  });

  it('an unknown or malformed bearer token, is a 401', async () => {
    expect((await call(stack, 'GET', '/api/v1/tokens', { headers: { authorization: 'Bearer spt_0000000000000000000000000000000000' } })).status).to.equal(401);
    expect((await call(stack, 'GET', '/api/v1/tokens', { headers: { authorization: 'Bearer short' } })).status).to.equal(401);
  });
});
