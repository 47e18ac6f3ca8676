import { expect } from 'chai';
import { buildSimulatorAccount } from '../../factories/channel-account.factory.js';
import { signInAs, signInAsAdmin, type SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { startTestStack, type TestStack } from '../../support/stack.js';

// `sim-wechat` and `sim-whatsapp` are only read; the outage test breaks accounts of its own.
const ACCOUNTS = [
  buildSimulatorAccount({ id: 'sim-wechat', imitates: 'wechat', rateLimit: { minIntervalMs: 2000, dailyCap: 2000 } }),
  buildSimulatorAccount({ id: 'sim-whatsapp' }),
  buildSimulatorAccount({ id: 'sim-logged-out' }),
  buildSimulatorAccount({ id: 'sim-disconnected' }),
];

describe('connectors routes', function () {
  let stack: TestStack;
  let admin: SignedInUser;

  before(async function () {
    stack = await startTestStack({ CONNECTORS: JSON.stringify(ACCOUNTS) });
    admin = await signInAsAdmin(stack);
  });

  after(() => stack.stop());

  it('GET as a viewer: every account with platform, state and rate limit', async function () {
    const viewer = await signInAs(stack, 'viewer');

    const response = await call(stack, 'GET', '/api/v1/connectors', { headers: viewer.headers });

    expect(response.status).to.equal(200);
    expect(response.body.map((status: { account: string }) => status.account)).to.deep.equal(ACCOUNTS.map((account) => account.id));
    const budget = { hourlyCap: null, warmUp: false, typingMsPerChar: 0, typingMaxMs: 0, perContactHourly: null };
    const [wechat, whatsapp] = response.body as Array<Record<string, unknown> & { budget: { nextSendAt: string } }>;
    expect(wechat).to.deep.include({ account: 'sim-wechat', platform: 'simulator', imitates: 'wechat', state: 'ready', rateLimit: { minIntervalMs: 2000, maxIntervalMs: 2500, dailyCap: 2000, ...budget }, sentToday: 0 });
    expect(whatsapp).to.deep.include({ account: 'sim-whatsapp', platform: 'simulator', imitates: 'whatsapp', state: 'ready', rateLimit: { minIntervalMs: 3000, maxIntervalMs: 3750, dailyCap: 1000, ...budget }, sentToday: 0 });
    // Where the budget stands, for the console: nothing sent yet, so the full cap today and free to send now.
    expect(whatsapp?.budget).to.deep.include({ sentThisHour: 0, dailyCapToday: 1000 });
    expect(Date.parse(whatsapp!.budget.nextSendAt)).to.be.a('number').and.not.NaN;
  });

  it('GET while an account needs a login: its QR payload is included; after a disconnect, the reason', async function () {
    const mediator = await signInAs(stack, 'mediator');
    const loggedOut = await call(stack, 'POST', '/api/v1/simulator/sim-logged-out/faults', { headers: admin.headers, body: { requireLoginForSeconds: 60 } });
    const disconnected = await call(stack, 'POST', '/api/v1/simulator/sim-disconnected/faults', { headers: admin.headers, body: { disconnectForSeconds: 60 } });
    expect([loggedOut.status, disconnected.status]).to.deep.equal([202, 202]);

    const response = await call(stack, 'GET', '/api/v1/connectors', { headers: mediator.headers });

    expect(response.status).to.equal(200);
    const statusOf = (account: string) => (response.body as Record<string, unknown>[]).find((status) => status.account === account);
    expect(statusOf('sim-logged-out')).to.include({ state: 'login_required', qr: 'sportello-simulator:sim-logged-out:1' });
    expect(statusOf('sim-disconnected')).to.include({ state: 'reconnecting', reason: 'simulated disconnect' });
    expect(statusOf('sim-disconnected')).not.to.have.property('qr');
  });

  it('GET anonymous: 401 problem', async function () {
    const response = await call(stack, 'GET', '/api/v1/connectors');

    expect(response.status).to.equal(401);
    expect(response.headers.get('content-type')).to.contain('application/problem+json');
  });
});
