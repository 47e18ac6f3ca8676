import { expect } from 'chai';
import { openSession, signInAs } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { startTestStack, type TestStack } from '../../support/stack.js';

describe('POST /api/v1/auth/password: a person changes their own password', function () {
  this.timeout(60_000);
  let stack: TestStack;

  before(async () => (stack = await startTestStack()));
  after(() => stack.stop());

  it('204: the new password signs in, the old does not, other sessions end, this one stays, and it is audited', async () => {
    const mediator = await signInAs(stack, 'mediator');
    const credentials = { email: mediator.user.email, password: mediator.password };
    const here = await openSession(stack, credentials);
    const elsewhere = await openSession(stack, credentials);

    const changed = await call(stack, 'POST', '/api/v1/auth/password', { headers: here.headers, body: { currentPassword: mediator.password, newPassword: 'a new long passphrase' } });

    expect(changed.status, JSON.stringify(changed.body)).to.equal(204);
    expect((await call(stack, 'GET', '/api/v1/auth/session', { headers: { cookie: here.cookie } })).status).to.equal(200);
    expect((await call(stack, 'GET', '/api/v1/auth/session', { headers: { cookie: elsewhere.cookie } })).status).to.equal(401);
    expect((await call(stack, 'POST', '/api/v1/auth/login', { body: credentials })).status).to.equal(401);
    expect((await call(stack, 'POST', '/api/v1/auth/login', { body: { ...credentials, password: 'a new long passphrase' } })).status).to.equal(200);
    const admin = await signInAs(stack, 'admin');
    const audit = await call(stack, 'GET', `/api/v1/audit?action=auth.password_changed&limit=200`, { headers: admin.headers });
    const events = (audit.body.items as Array<{ action: string; target: { id: string } }>).filter((e) => e.action === 'auth.password_changed' && e.target.id === mediator.user.id);
    expect(events).to.have.length(1);
  });

  it('a wrong current password: 400 problem naming currentPassword, nothing changes, other sessions stay', async () => {
    const viewer = await signInAs(stack, 'viewer');
    const credentials = { email: viewer.user.email, password: viewer.password };
    const here = await openSession(stack, credentials);
    const elsewhere = await openSession(stack, credentials);

    const refused = await call(stack, 'POST', '/api/v1/auth/password', { headers: here.headers, body: { currentPassword: 'not my password', newPassword: 'a new long passphrase' } });

    expect(refused.status).to.equal(400);
    expect(refused.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(refused.body).to.have.nested.property('errors[0].field', 'currentPassword');
    expect((await call(stack, 'GET', '/api/v1/auth/session', { headers: { cookie: elsewhere.cookie } })).status).to.equal(200);
    expect((await call(stack, 'POST', '/api/v1/auth/login', { body: credentials })).status).to.equal(200);
  });

  it('a new password too short: 400 naming newPassword; without the CSRF token: 403; anonymous: 401', async () => {
    const editor = await signInAs(stack, 'editor');
    const session = await openSession(stack, { email: editor.user.email, password: editor.password });

    const short = await call(stack, 'POST', '/api/v1/auth/password', { headers: session.headers, body: { currentPassword: editor.password, newPassword: 'short' } });
    const forged = await call(stack, 'POST', '/api/v1/auth/password', { headers: { cookie: session.cookie }, body: { currentPassword: editor.password, newPassword: 'a new long passphrase' } });
    const anonymous = await call(stack, 'POST', '/api/v1/auth/password', { body: { currentPassword: 'x', newPassword: 'a new long passphrase' } });

    expect(short.status).to.equal(400);
    expect(short.body).to.have.nested.property('errors[0].field', 'newPassword');
    expect(forged.status).to.equal(403);
    expect(anonymous.status).to.equal(401);
    expect((await call(stack, 'POST', '/api/v1/auth/login', { body: { email: editor.user.email, password: editor.password } })).status).to.equal(200);
  });
});
