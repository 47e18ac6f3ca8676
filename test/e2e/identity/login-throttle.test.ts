import { expect } from 'chai';
import { signInAs, signInAsAdmin } from '../../support/auth.js';
import { call, type ApiResponse } from '../../support/http.js';
import { startTestStack, type TestStack } from '../../support/stack.js';

/** A sign-in through the reverse proxy: every request reaches Sportello from 127.0.0.1, the client is in X-Forwarded-For. */
function signIn(stack: TestStack, from: string, credentials: { email: string; password: string }, cookie?: string): Promise<ApiResponse> {
  return call(stack, 'POST', '/api/v1/auth/login', {
    headers: { 'x-forwarded-for': from, ...(cookie ? { cookie } : {}) },
    body: credentials,
  });
}

/** The device cookie a successful sign-in gave this browser (`name=value`). */
function deviceCookieOf(response: ApiResponse): string {
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  const device = cookies.find((c) => c.startsWith('sportello_device='));
  if (!device) throw new Error(`no device cookie in ${JSON.stringify(cookies)}`);
  return device;
}

/** Wrong passwords for `email`, each from another address, until the service makes the next one wait. */
async function guessUntilThrottled(stack: TestStack, email: string): Promise<ApiResponse> {
  for (let attempt = 1; attempt <= 20; attempt += 1) {
    const response = await signIn(stack, `198.51.100.${attempt}`, { email, password: `guess number ${attempt}` });
    if (response.status === 429) return response;
    expect(response.status, `attempt ${attempt}`).to.equal(401);
  }
  throw new Error('twenty wrong passwords from twenty addresses were never throttled');
}

describe('sign-in throttling behind a reverse proxy (TRUST_PROXY=1)', function () {
  // Every failed sign-in costs a scrypt hash (unknown e-mails too, against a decoy): dozens of them take a while.
  this.timeout(120_000);
  let stack: TestStack;

  // The address counters would spill into other tests: own stack each.
  beforeEach(async () => {
    stack = await startTestStack({ TRUST_PROXY: '1' });
  });

  afterEach(() => stack.stop());

  it('strangers guessing a known e-mail from many addresses: the person still signs in from the browser they used before', async () => {
    const editor = await signInAs(stack, 'editor');
    const earlier = await signIn(stack, '192.0.2.10', { email: editor.user.email, password: editor.password });
    expect(earlier.status).to.equal(200);
    const ownBrowser = deviceCookieOf(earlier);

    const throttled = await guessUntilThrottled(stack, editor.user.email);
    const own = await signIn(stack, '192.0.2.10', { email: editor.user.email, password: editor.password }, ownBrowser);

    expect(throttled.body.type).to.equal('/problems/auth.too_many_attempts');
    expect(own.status, JSON.stringify(own.body)).to.equal(200);
    expect(own.body.user.id).to.equal(editor.user.id);
  });

  it('strangers guessing a known e-mail: an unknown browser waits a growing delay of at most a minute, never a lock-out', async () => {
    const editor = await signInAs(stack, 'editor');

    const throttled = await guessUntilThrottled(stack, editor.user.email);
    const newBrowser = await signIn(stack, '192.0.2.20', { email: editor.user.email, password: editor.password });

    expect(Number(throttled.headers.get('retry-after'))).to.be.within(1, 60);
    expect(newBrowser.status).to.equal(429);
    expect(newBrowser.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(Number(newBrowser.headers.get('retry-after'))).to.be.within(1, 60);
    expect(newBrowser.headers.get('set-cookie')).to.equal(null);
    const admin = await signInAsAdmin(stack);
    const audit = await call(stack, 'GET', `/api/v1/audit?action=auth.login_failed&targetId=${editor.user.id}`, { headers: admin.headers });
    expect(audit.body.items.some((item: { details: { waitSeconds: number } }) => item.details.waitSeconds > 0)).to.equal(true);
  });

  it('one address spraying many e-mails: that address waits, staff behind the same proxy from other addresses sign in', async () => {
    const sprayer = '203.0.113.7';
    // Arranged first: made after the spraying, the editor would take some of the address's wait (seconds, on a busy machine).
    const editor = await signInAs(stack, 'editor');
    let refused: ApiResponse | undefined;
    for (let attempt = 1; attempt <= 40 && !refused; attempt += 1) {
      const response = await signIn(stack, sprayer, { email: `nobody-${attempt}@sportello.test`, password: 'spray' });
      if (response.status === 429) refused = response;
    }

    const fromSprayer = await signIn(stack, sprayer, { email: editor.user.email, password: editor.password });
    const fromColleague = await signIn(stack, '192.0.2.30', { email: editor.user.email, password: editor.password });

    expect(refused?.body.type).to.equal('/problems/auth.too_many_attempts');
    expect(fromSprayer.status).to.equal(429);
    expect(fromColleague.status).to.equal(200);
  });

  it('a lock-out attempt on one e-mail, leaves other accounts free from the same addresses', async () => {
    const targeted = await signInAs(stack, 'editor');
    const other = await signInAs(stack, 'viewer');
    await guessUntilThrottled(stack, targeted.user.email);

    const response = await signIn(stack, '198.51.100.1', { email: other.user.email, password: other.password });

    expect(response.status).to.equal(200);
  });
});

describe('sign-in throttling with TRUST_PROXY=off', function () {
  this.timeout(120_000);
  let stack: TestStack;

  beforeEach(async () => {
    stack = await startTestStack({ TRUST_PROXY: 'off' });
  });

  afterEach(() => stack.stop());

  it('a client that forges X-Forwarded-For: counted at its real address, so changing the header does not escape the wait', async () => {
    let refused: ApiResponse | undefined;
    for (let attempt = 1; attempt <= 40 && !refused; attempt += 1) {
      const response = await signIn(stack, `198.51.100.${attempt}`, { email: `nobody-${attempt}@sportello.test`, password: 'spray' });
      if (response.status === 429) refused = response;
    }

    const fresh = await signIn(stack, '192.0.2.99', { email: 'someone-else@sportello.test', password: 'spray' });

    expect(refused?.status).to.equal(429);
    expect(fresh.status).to.equal(429);
  });
});
