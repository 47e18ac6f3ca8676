import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { call } from '../../support/http.js';
import { withMailStack } from './mail-stack.js';
import { publishAnnouncement, settled, waitForSummary } from '../dispatch/dispatch-api.js';

/**
 * Whoever published a notice hears by e-mail (SMTP_URL) when it finished sending and some groups did not get it,
 * with the platform's reasons: through the simulator (a group the account left) and a real SMTP server.
 */
describe('the publisher e-mailed about deliveries that failed', function () {
  this.timeout(60_000);
  const account = buildCommunityAccount({ id: 'sim-report', languages: ['ar'], groupsPerLanguage: 2 });
  const stack = withMailStack([account]);

  it('a notice that reached every group: no e-mail', async () => {
    const id = await publishAnnouncement(stack.ctx, { approved: ['ar'] });
    await waitForSummary(stack.ctx, id, settled);
    await sleep(2500);

    expect(stack.sink.received).to.have.length(0);
  });

  it('a group the account left: the publisher gets the count, the reason and the link to retry', async () => {
    const created = await call(stack.ctx.stack, 'POST', '/api/v1/groups', {
      headers: stack.ctx.editor.headers,
      body: { account: 'sim-report', chatId: 'left-this-group', name: 'Vecchio gruppo', language: 'ar', topics: ['work'], enabled: true },
    });
    expect(created.status).to.equal(201);

    const id = await publishAnnouncement(stack.ctx, { approved: ['ar'], input: { topics: ['work'] } });
    await waitForSummary(stack.ctx, id, settled);

    await stack.sink.waitFor(stack.ctx.editor.user.email, 1);
    expect(stack.sink.received.map((m) => m.to)).to.deep.equal([[stack.ctx.editor.user.email]]);
    const [mail] = stack.sink.received;
    expect(mail!.subject).to.match(/^Sportello: «.+» non è arrivato a 1 destinatario su 3$/);
    expect(mail!.text).to.contain('- not a member of this chat: 1').and.contain(`${stack.ctx.stack.url}/console/#/announcements/${id}`);
    await sleep(2000);
    expect(stack.sink.received, 'once').to.have.length(1);
  });
});
