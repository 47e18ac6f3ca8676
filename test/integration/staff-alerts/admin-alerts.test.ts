import { expect } from 'chai';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { call } from '../../support/http.js';
import { withMailStack } from './mail-stack.js';
import { publishAnnouncement, settled, waitForSummary, type DispatchStack } from '../dispatch/dispatch-api.js';
import { waitForAsync } from '../../support/wait-for.js';

async function faults(ctx: DispatchStack, account: string, body: Record<string, unknown>): Promise<void> {
  const response = await call(ctx.stack, 'POST', `/api/v1/simulator/${account}/faults`, { headers: ctx.admin.headers, body });
  expect(response.status, JSON.stringify(response.body)).to.be.within(200, 204);
}

async function stateOf(ctx: DispatchStack, account: string): Promise<string | undefined> {
  const response = await call(ctx.stack, 'GET', '/api/v1/connectors', { headers: ctx.admin.headers });
  return (response.body as Array<{ account: string; state: string }>).find((c) => c.account === account)?.state;
}

/**
 * Admins hear by e-mail (SMTP_URL) what stops Sportello from reaching people and needs a person: an account
 * paused after repeated rate limits, an account that must be linked again. A real SMTP server receives them.
 */
describe('admins e-mailed about accounts that need them', function () {
  this.timeout(60_000);
  const account = buildCommunityAccount({ id: 'sim-alerts', languages: ['sq'], groupsPerLanguage: 4, rateLimit: { minIntervalMs: 100, dailyCap: 1000 } });
  const stack = withMailStack([account]);
  const pausedMails = () => stack.sink.to(stack.ctx.admin.user.email).filter((mail) => mail.subject.includes('è in pausa'));

  it('an account paused after three rate limits: one e-mail to each admin, with the reason and the console’s page; none to mediators', async () => {
    await faults(stack.ctx, 'sim-alerts', { failNext: { count: 3, kind: 'rate_limited', retryAfterSeconds: 0.1 } });

    const before = pausedMails();
    const id = await publishAnnouncement(stack.ctx, { approved: ['sq'] });

    const [mail] = await waitForAsync(async () => (pausedMails().length > before.length ? pausedMails().slice(before.length) : undefined), 'the pause e-mail');
    expect(mail!.subject).to.equal("Sportello: l'account sim-alerts è in pausa");
    expect(mail!.text).to.contain('rate-limited 3 times within 10 min').and.contain(`${stack.ctx.stack.url}/console/#/channels`).and.contain('Nessun messaggio è perso');
    expect(stack.sink.to(stack.ctx.mediator.user.email)).to.have.length(0);
    expect((await call(stack.ctx.stack, 'POST', '/api/v1/connectors/sim-alerts/resume', { headers: stack.ctx.admin.headers })).status).to.equal(200);
    // Every delivery has been through the account since: a second alert for this pause would have been sent by now.
    await waitForSummary(stack.ctx, id, settled);
    expect(pausedMails().slice(before.length), 'once per pause').to.have.length(1);
  });

  it('an account that must be linked again: one e-mail while it waits, another the next time', async () => {
    const before = stack.sink.to(stack.ctx.admin.user.email).length;
    await faults(stack.ctx, 'sim-alerts', { requireLoginForSeconds: 1 });

    const mails = await stack.sink.waitFor(stack.ctx.admin.user.email, before + 1);
    expect(mails[before]!.subject).to.equal("Sportello: l'account sim-alerts va ricollegato");
    expect(mails[before]!.text).to.contain('codice QR');
    // The wait is over once the account is ready again; the next one's e-mail comes after anything this wait sent.
    await waitForAsync(async () => ((await stateOf(stack.ctx, 'sim-alerts')) === 'ready' ? true : undefined), 'the account to be linked again');
    await faults(stack.ctx, 'sim-alerts', { requireLoginForSeconds: 1 });

    const next = await stack.sink.waitFor(stack.ctx.admin.user.email, before + 2);
    expect(next.slice(before).map((mail) => mail.subject), 'one per wait').to.deep.equal([
      "Sportello: l'account sim-alerts va ricollegato",
      "Sportello: l'account sim-alerts va ricollegato",
    ]);
  });
});
