import { expect } from 'chai';
import { openSession, signInAs, signInAsAdmin, type SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { startTestStack, type TestStack } from '../../support/stack.js';

describe('user administration', () => {
  let stack: TestStack;
  let admin: SignedInUser;

  before(async () => {
    stack = await startTestStack();
    admin = await signInAsAdmin(stack);
  });

  after(() => stack.stop());

  const auditOf = async (action: string, userId: string) =>
    (await call(stack, 'GET', `/api/v1/audit?action=${action}&targetId=${userId}`, { headers: admin.headers })).body.items;

  it('disabling a user, stops their session and their token at once and is audited', async () => {
    const editor = await signInAs(stack, 'editor');
    const session = await openSession(stack, { email: editor.user.email, password: editor.password });

    const disabled = await call(stack, 'PATCH', `/api/v1/users/${editor.user.id}`, { headers: admin.headers, body: { disabled: true } });

    expect(disabled.status).to.equal(200);
    expect(disabled.body.disabled).to.equal(true);
    expect((await call(stack, 'GET', '/api/v1/auth/session', { headers: { cookie: session.cookie } })).status).to.equal(401);
    expect((await call(stack, 'GET', '/api/v1/tokens', { headers: editor.headers })).status).to.equal(401);
    const login = await call(stack, 'POST', '/api/v1/auth/login', { body: { email: editor.user.email, password: editor.password } });
    expect(login.status).to.equal(401);
    expect(await auditOf('user.disabled', editor.user.id)).to.have.length(1);
  });

  it('re-enabling a user, brings back neither their tokens (revoked for good, listed as such) nor the ended session', async () => {
    const editor = await signInAs(stack, 'editor');
    const session = await openSession(stack, { email: editor.user.email, password: editor.password });
    await call(stack, 'PATCH', `/api/v1/users/${editor.user.id}`, { headers: admin.headers, body: { disabled: true } });

    await call(stack, 'PATCH', `/api/v1/users/${editor.user.id}`, { headers: admin.headers, body: { disabled: false } });

    expect((await call(stack, 'GET', '/api/v1/tokens', { headers: editor.headers })).status).to.equal(401);
    expect((await call(stack, 'GET', '/api/v1/auth/session', { headers: { cookie: session.cookie } })).status).to.equal(401);
    const theirs = await call(stack, 'GET', `/api/v1/tokens?userId=${editor.user.id}`, { headers: admin.headers });
    expect(theirs.body.items.length).to.be.greaterThan(0);
    expect(theirs.body.items.every((token: { revokedAt: string | null }) => token.revokedAt !== null)).to.equal(true);
    const [disabled] = await auditOf('user.disabled', editor.user.id);
    expect(disabled.details).to.deep.equal({ tokensRevoked: 1 });
    const again = await openSession(stack, { email: editor.user.email, password: editor.password });
    expect((await call(stack, 'GET', '/api/v1/auth/session', { headers: { cookie: again.cookie } })).status).to.equal(200);
  });

  it('changing a role, applies to the next request and is audited with old and new role', async () => {
    const editor = await signInAs(stack, 'editor');

    const changed = await call(stack, 'PATCH', `/api/v1/users/${editor.user.id}`, { headers: admin.headers, body: { role: 'mediator', languages: ['ur'] } });

    expect(changed.status).to.equal(200);
    expect(changed.body).to.deep.include({ role: 'mediator', languages: ['ur'] });
    const me = await call(stack, 'GET', '/api/v1/auth/session', { headers: editor.headers });
    expect(me.body.user).to.deep.include({ role: 'mediator', languages: ['ur'] });
    const [event] = await auditOf('user.role_changed', editor.user.id);
    expect(event.actor).to.include({ type: 'user', id: admin.user.id });
    expect(event.details).to.deep.include({ from: 'editor', to: 'mediator', languagesTo: ['ur'] });
  });

  it('an admin demoting or disabling themselves, is a 409', async () => {
    const demote = await call(stack, 'PATCH', `/api/v1/users/${admin.user.id}`, { headers: admin.headers, body: { role: 'viewer' } });
    const disable = await call(stack, 'PATCH', `/api/v1/users/${admin.user.id}`, { headers: admin.headers, body: { disabled: true } });

    expect(demote.status).to.equal(409);
    expect(demote.body.type).to.equal('/problems/user.self_lockout');
    expect(disable.status).to.equal(409);
  });

  it('a mediator without languages, is a 400 naming languages', async () => {
    const response = await call(stack, 'POST', '/api/v1/users', {
      headers: admin.headers,
      body: { email: 'nolang@sportello.test', name: 'N', role: 'mediator', password: 'a long enough password' },
    });

    expect(response.status).to.equal(400);
    expect(response.body.errors).to.deep.include({ field: 'languages', message: 'a mediator needs at least one language' });
  });

  it('a second user with the same e-mail in another case, is a 409', async () => {
    const body = { email: 'Twice@Sportello.test', name: 'T', role: 'viewer', password: 'a long enough password' };
    expect((await call(stack, 'POST', '/api/v1/users', { headers: admin.headers, body })).status).to.equal(201);

    const again = await call(stack, 'POST', '/api/v1/users', { headers: admin.headers, body: { ...body, email: 'twice@sportello.test' } });

    expect(again.status).to.equal(409);
    expect(again.body.type).to.equal('/problems/user.email_taken');
  });

  it('a new password set by an admin, works for sign-in and is audited', async () => {
    const viewer = await signInAs(stack, 'viewer');

    await call(stack, 'PATCH', `/api/v1/users/${viewer.user.id}`, { headers: admin.headers, body: { password: 'a brand new passphrase' } });

    const login = await call(stack, 'POST', '/api/v1/auth/login', { body: { email: viewer.user.email, password: 'a brand new passphrase' } });
    expect(login.status).to.equal(200);
    expect(await auditOf('user.password_reset', viewer.user.id)).to.have.length(1);
  });

  it('GET /users, pages by id and filters by role', async () => {
    // Two pages of one need two viewers; this test makes both rather than count on earlier tests' viewers.
    await signInAs(stack, 'viewer');
    await signInAs(stack, 'viewer');
    const first = await call(stack, 'GET', '/api/v1/users?role=viewer&limit=1', { headers: admin.headers });

    const second = await call(stack, 'GET', `/api/v1/users?role=viewer&limit=1&after=${String(first.body.items[0].id)}`, { headers: admin.headers });

    expect(first.body.items).to.have.length(1);
    expect(first.body.next).to.equal(first.body.items[0].id);
    expect(second.body.items).to.have.length(1);
    expect(second.body.items[0].id).not.to.equal(first.body.items[0].id);
    expect([...first.body.items, ...second.body.items].every((u: { role: string }) => u.role === 'viewer')).to.equal(true);
  });

  it('GET /users/:id, an id that does not exist, is a 404 problem', async () => {
    const response = await call(stack, 'GET', '/api/v1/users/000000000000000000000000', { headers: admin.headers });

    expect(response.status).to.equal(404);
    expect(response.body.type).to.equal('/problems/user.not_found');
  });
});
