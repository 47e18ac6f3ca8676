import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { call } from '../../support/http.js';
import { withMailStack } from './mail-stack.js';
import { publishAnnouncement, type DispatchStack } from '../dispatch/dispatch-api.js';

async function faults(ctx: DispatchStack, account: string, body: Record<string, unknown>): Promise<void> {
  const response = await call(ctx.stack, 'POST', `/api/v1/simulator/${account}/faults`, { headers: ctx.admin.headers, body });
  expect(response.status, JSON.stringify(response.body)).to.be.within(200, 204);
}

/**
 * Admins hear by e-mail (SMTP_URL) what stops Sportello from reaching people and needs a person: an account
 * paused after repeated rate limits, an account that must be linked again. A real SMTP server receives them.
 */
describe('admins e-mailed about accounts that need them', function () {
  this.timeout(60_000);
  const account = buildCommunityAccount({ id: 'sim-alerts', languages: ['sq'], groupsPerLanguage: 4, rateLimit: { minIntervalMs: 100, dailyCap: 1000 } });
  const stack = withMailStack([account]);

  it('an account paused after three rate limits: one e-mail to each admin, with the reason and the console’s page; none to mediators', async () => {
    await faults(stack.ctx, 'sim-alerts', { failNext: { count: 3, kind: 'rate_limited', retryAfterSeconds: 0.1 } });

    await publishAnnouncement(stack.ctx, { approved: ['sq'] });

    const [mail] = await stack.sink.waitFor(stack.ctx.admin.user.email, 1);
    expect(mail!.subject).to.equal("Sportello: l'account sim-alerts è in pausa");
    expect(mail!.text).to.contain('rate-limited 3 times within 10 min').and.contain(`${stack.ctx.stack.url}/console/#/channels`).and.contain('Nessun messaggio è perso');
    expect(stack.sink.to(stack.ctx.mediator.user.email)).to.have.length(0);
    await sleep(1000);
    expect(stack.sink.to(stack.ctx.admin.user.email), 'once per pause').to.have.length(1);
    expect((await call(stack.ctx.stack, 'POST', '/api/v1/connectors/sim-alerts/resume', { headers: stack.ctx.admin.headers })).status).to.equal(200);
  });

  it('an account that must be linked again: one e-mail while it waits, another the next time', async () => {
    await faults(stack.ctx, 'sim-alerts', { requireLoginForSeconds: 1 });

    const mails = await stack.sink.waitFor(stack.ctx.admin.user.email, 2);
    expect(mails[1]!.subject).to.equal("Sportello: l'account sim-alerts va ricollegato");
    expect(mails[1]!.text).to.contain('codice QR');
    await sleep(1500);
    expect(stack.sink.to(stack.ctx.admin.user.email)).to.have.length(2);

    await faults(stack.ctx, 'sim-alerts', { requireLoginForSeconds: 1 });

    await stack.sink.waitFor(stack.ctx.admin.user.email, 3);
  });
});
