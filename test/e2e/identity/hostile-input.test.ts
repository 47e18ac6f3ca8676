import { expect } from 'chai';
import { signInAsAdmin, type SignedInUser } from '../../support/auth.js';
import { call, type ApiResponse } from '../../support/http.js';
import { startTestStack, type TestStack } from '../../support/stack.js';

function expectInvalid(response: ApiResponse, field: string): void {
  expect(response.status, JSON.stringify(response.body)).to.equal(400);
  expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect(response.body.type).to.equal('/problems/request.invalid');
  expect(response.body.errors.map((e: { field: string }) => e.field)).to.include(field);
}

describe('hostile input', () => {
  let stack: TestStack;
  let admin: SignedInUser;

  before(async () => {
    stack = await startTestStack();
    admin = await signInAsAdmin(stack);
  });

  after(() => stack.stop());

  it('POST /auth/login, {"$gt": ""} as e-mail and password, is refused before any lookup', async () => {
    const response = await call(stack, 'POST', '/api/v1/auth/login', { body: { email: { $gt: '' }, password: { $gt: '' } } });

    expectInvalid(response, 'email.$gt');
    expect(response.headers.get('set-cookie')).to.equal(null);
  });

  it('POST /auth/login, a $where key beside real credentials, is refused', async () => {
    const response = await call(stack, 'POST', '/api/v1/auth/login', { body: { ...stack.admin, $where: 'sleep(1000) || true' } });

    expectInvalid(response, '$where');
  });

  it('POST /auth/login, a dotted key, is refused', async () => {
    const response = await call(stack, 'POST', '/api/v1/auth/login', { body: { ...stack.admin, 'user.role': 'admin' } });

    expectInvalid(response, 'user.role');
  });

  it('POST /users, a __proto__ key in the raw JSON, is refused and pollutes nothing', async () => {
    const raw = `{"email":"proto@sportello.test","name":"P","role":"viewer","password":"a long enough password","__proto__":{"polluted":"yes"}}`;

    const response = await call(stack, 'POST', '/api/v1/users', { headers: admin.headers, body: raw });

    expectInvalid(response, '__proto__');
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    const users = await call(stack, 'GET', '/api/v1/users?limit=200', { headers: admin.headers });
    expect(users.body.items.map((u: { email: string }) => u.email)).not.to.include('proto@sportello.test');
  });

  it('PATCH /users/:id, a constructor.prototype key, is refused', async () => {
    const response = await call(stack, 'PATCH', `/api/v1/users/${admin.user.id}`, {
      headers: admin.headers,
      body: { constructor: { prototype: { role: 'admin' } } },
    });

    expectInvalid(response, 'constructor');
  });

  it('POST /users, an unknown field, is refused naming the field', async () => {
    const response = await call(stack, 'POST', '/api/v1/users', {
      headers: admin.headers,
      body: { email: 'x@sportello.test', name: 'X', role: 'viewer', password: 'a long enough password', isAdmin: true },
    });

    expectInvalid(response, 'isAdmin');
  });

  it('GET /users, an operator smuggled into the query, is refused', async () => {
    const response = await call(stack, 'GET', '/api/v1/users?role[$ne]=viewer', { headers: admin.headers });

    expect(response.status).to.equal(400);
  });

  it('GET /audit, an operator as a value and an unbounded page, are refused', async () => {
    expectInvalid(await call(stack, 'GET', '/api/v1/audit?action=$where', { headers: admin.headers }), 'query.action');
    expectInvalid(await call(stack, 'GET', '/api/v1/audit?limit=100000', { headers: admin.headers }), 'query.limit');
  });

  it('POST /auth/login, a body over the limit, is a 413 problem', async () => {
    const response = await call(stack, 'POST', '/api/v1/auth/login', { body: { email: 'a@b.test', password: 'x'.repeat(200 * 1024) } });

    expect(response.status).to.equal(413);
    expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(response.body.type).to.equal('/problems/request.too_large');
  });

  it('POST /auth/login, a password over 256 characters, is refused (bounds scrypt input)', async () => {
    const response = await call(stack, 'POST', '/api/v1/auth/login', { body: { email: stack.admin.email, password: 'x'.repeat(300) } });

    expectInvalid(response, 'password');
  });

  it('POST /auth/login (anonymous), JSON nested 5,000 levels deep, is a 400 naming body, and the service goes on', async () => {
    const deep = `{"email":${'['.repeat(5000)}${']'.repeat(5000)},"password":"x"}`;

    const response = await call(stack, 'POST', '/api/v1/auth/login', { body: deep });

    expectInvalid(response, 'body');
    expect(response.body.errors[0].message).to.contain('32 levels');
    expect((await call(stack, 'POST', '/api/v1/auth/login', { body: stack.admin })).status).to.equal(200);
  });

  it('POST /users, objects nested 33 deep under a known field, is refused; 30 deep reaches the schema', async () => {
    const nest = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

    const tooDeep = await call(stack, 'POST', '/api/v1/users', { headers: admin.headers, body: `{"name":${nest(32)}}` });
    const shallow = await call(stack, 'POST', '/api/v1/users', { headers: admin.headers, body: `{"name":${nest(30)}}` });

    expectInvalid(tooDeep, 'body');
    expectInvalid(shallow, 'name');
  });

  it('POST /auth/login, a 66 KB body of 6,000 $ keys, gets a small answer: the first problems and their count', async () => {
    const body = Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`$k${i}`, 1]));

    const response = await call(stack, 'POST', '/api/v1/auth/login', { body });

    expectInvalid(response, '$k0');
    expect(JSON.stringify(response.body).length).to.be.below(8 * 1024);
    expect(response.body.errors).to.have.length(20);
    expect(response.body.errorCount).to.be.at.least(20);
  });

  it('POST /users, one unknown key of 60,000 characters, is named in a clipped field', async () => {
    const response = await call(stack, 'POST', '/api/v1/users', { headers: admin.headers, body: { ['k'.repeat(60_000)]: 1 } });

    expect(response.status).to.equal(400);
    expect(JSON.stringify(response.body).length).to.be.below(8 * 1024);
    expect(response.body.errors.some((e: { field: string }) => e.field.startsWith('kkkk'))).to.equal(true);
  });
});
