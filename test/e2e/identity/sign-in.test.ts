import { expect } from 'chai';
import { openSession, signInAs, signInAsAdmin } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { startTestStack, type TestStack } from '../../support/stack.js';

describe('sign-in and sessions', () => {
  let stack: TestStack;

  before(async () => {
    stack = await startTestStack();
  });

  after(() => stack.stop());

  it('POST /auth/login, the bootstrap admin, sets an http-only SameSite=Strict cookie and returns a CSRF token', async () => {
    const response = await call(stack, 'POST', '/api/v1/auth/login', { body: stack.admin });

    expect(response.status).to.equal(200);
    expect(response.body.user).to.include({ email: stack.admin.email, role: 'admin' });
    expect(response.body.user).not.to.have.property('passwordHash');
    expect(response.body.csrfToken).to.be.a('string').with.length.above(20);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).to.match(/^sportello_session=[\w-]{40,};/);
    expect(cookie).to.match(/HttpOnly/i).and.match(/SameSite=Strict/i).and.match(/Path=\//);
    expect(response.headers.get('cache-control')).to.equal('no-store');
  });

  it('GET /auth/session, with the cookie, names the user and returns the same CSRF token', async () => {
    const session = await openSession(stack, stack.admin);

    const response = await call(stack, 'GET', '/api/v1/auth/session', { headers: { cookie: session.cookie } });

    expect(response.status).to.equal(200);
    expect(response.body).to.deep.include({ via: 'session', csrfToken: session.csrfToken });
    expect(response.body.user).to.include({ email: stack.admin.email, role: 'admin' });
  });

  it('POST /auth/login, a wrong password, is a 401 problem and is audited without the typed e-mail', async () => {
    const editor = await signInAs(stack, 'editor');

    const response = await call(stack, 'POST', '/api/v1/auth/login', { body: { email: editor.user.email, password: 'not the password' } });

    expect(response.status).to.equal(401);
    expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(response.body.type).to.equal('/problems/auth.invalid_credentials');
    const admin = await signInAsAdmin(stack);
    const audit = await call(stack, 'GET', `/api/v1/audit?action=auth.login_failed&targetId=${editor.user.id}`, { headers: admin.headers });
    expect(audit.body.items).to.have.length(1);
    expect(audit.body.items[0]).to.deep.include({ action: 'auth.login_failed', actor: { type: 'anonymous' }, target: { type: 'user', id: editor.user.id } });
    expect(JSON.stringify(audit.body.items[0])).not.to.contain('not the password');
  });

  it('POST /auth/logout, with cookie and CSRF token, ends the session', async () => {
    const session = await openSession(stack, stack.admin);

    const response = await call(stack, 'POST', '/api/v1/auth/logout', { headers: session.headers });

    expect(response.status).to.equal(204);
    expect(response.headers.get('set-cookie')).to.match(/sportello_session=;/);
    const after = await call(stack, 'GET', '/api/v1/auth/session', { headers: { cookie: session.cookie } });
    expect(after.status).to.equal(401);
  });

  it('GET /auth/session, with an API token, names the token scopes', async () => {
    const mediator = await signInAs(stack, 'mediator', { languages: ['zh-Hans', 'ar'], scopes: ['inbox:read'] });

    const response = await call(stack, 'GET', '/api/v1/auth/session', { headers: mediator.headers });

    expect(response.status).to.equal(200);
    expect(response.body).to.deep.include({ via: 'token', scopes: ['inbox:read'] });
    expect(response.body.user).to.deep.include({ role: 'mediator', languages: ['zh-Hans', 'ar'] });
  });
});
