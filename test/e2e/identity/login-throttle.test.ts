import { expect } from 'chai';
import { signInAs, signInAsAdmin } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { startTestStack, type TestStack } from '../../support/stack.js';

describe('sign-in brute-force protection', () => {
  let stack: TestStack;

  // Every request comes from 127.0.0.1, so the address lock-out below would spill into other tests: own stack.
  beforeEach(async () => {
    stack = await startTestStack();
  });

  afterEach(() => stack.stop());

  it('five wrong passwords for one e-mail, lock it: even the right password is a 429 with Retry-After', async () => {
    const editor = await signInAs(stack, 'editor');
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const wrong = await call(stack, 'POST', '/api/v1/auth/login', { body: { email: editor.user.email, password: `guess number ${attempt}` } });
      expect(wrong.status).to.equal(401);
    }

    const response = await call(stack, 'POST', '/api/v1/auth/login', { body: { email: editor.user.email, password: editor.password } });

    expect(response.status).to.equal(429);
    expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(response.body.type).to.equal('/problems/auth.too_many_attempts');
    expect(Number(response.headers.get('retry-after'))).to.be.within(800, 900);
    expect(response.headers.get('set-cookie')).to.equal(null);
    const admin = await signInAsAdmin(stack);
    const audit = await call(stack, 'GET', `/api/v1/audit?action=auth.login_failed&targetId=${editor.user.id}`, { headers: admin.headers });
    expect(audit.body.items[0].details).to.include({ locked: true });
  });

  it('a lock on one e-mail, leaves other accounts free', async () => {
    const locked = await signInAs(stack, 'editor');
    const other = await signInAs(stack, 'viewer');
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await call(stack, 'POST', '/api/v1/auth/login', { body: { email: locked.user.email, password: 'wrong password' } });
    }

    const response = await call(stack, 'POST', '/api/v1/auth/login', { body: { email: other.user.email, password: other.password } });

    expect(response.status).to.equal(200);
  });

  it('thirty failures from one address across many e-mails, lock the address', async () => {
    const editor = await signInAs(stack, 'editor');
    for (let attempt = 1; attempt <= 30; attempt += 1) {
      await call(stack, 'POST', '/api/v1/auth/login', { body: { email: `nobody-${attempt}@sportello.test`, password: 'spray' } });
    }

    const response = await call(stack, 'POST', '/api/v1/auth/login', { body: { email: editor.user.email, password: editor.password } });

    expect(response.status).to.equal(429);
  });
});
