import { expect } from 'chai';
import { openSession, signInAs } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { startTestStack, type TestStack } from '../../support/stack.js';

describe('CSRF protection of cookie-authenticated writes', () => {
  let stack: TestStack;
  const newToken = { name: 'csrf check', scopes: ['inbox:read'] };

  before(async () => {
    stack = await startTestStack();
  });

  after(() => stack.stop());

  async function tokenNames(cookie: string): Promise<string[]> {
    const list = await call(stack, 'GET', '/api/v1/tokens', { headers: { cookie } });
    return list.body.items.map((t: { name: string }) => t.name);
  }

  it('a session write without X-CSRF-Token, is a 403 problem and changes nothing', async () => {
    const editor = await signInAs(stack, 'editor');
    const session = await openSession(stack, { email: editor.user.email, password: editor.password });

    const response = await call(stack, 'POST', '/api/v1/tokens', { headers: { cookie: session.cookie }, body: newToken });

    expect(response.status).to.equal(403);
    expect(response.body.type).to.equal('/problems/auth.csrf_failed');
    expect(await tokenNames(session.cookie)).not.to.include('csrf check');
  });

  it('a session write with another session’s CSRF token, is a 403', async () => {
    const editor = await signInAs(stack, 'editor');
    const mine = await openSession(stack, { email: editor.user.email, password: editor.password });
    const other = await openSession(stack, stack.admin);

    const response = await call(stack, 'POST', '/api/v1/tokens', { headers: { cookie: mine.cookie, 'x-csrf-token': other.csrfToken }, body: newToken });

    expect(response.status).to.equal(403);
    expect(response.body.type).to.equal('/problems/auth.csrf_failed');
  });

  it('a session write with its CSRF token, succeeds', async () => {
    const editor = await signInAs(stack, 'editor');
    const session = await openSession(stack, { email: editor.user.email, password: editor.password });

    const response = await call(stack, 'POST', '/api/v1/tokens', { headers: session.headers, body: newToken });

    expect(response.status).to.equal(201);
    expect(await tokenNames(session.cookie)).to.include('csrf check');
  });

  it('a bearer-token write, needs no CSRF token', async () => {
    const editor = await signInAs(stack, 'editor');

    const response = await call(stack, 'POST', '/api/v1/tokens', { headers: editor.headers, body: newToken });

    expect(response.status).to.equal(201);
  });
});
