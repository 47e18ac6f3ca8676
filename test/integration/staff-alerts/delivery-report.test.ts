import { expect } from 'chai';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { call } from '../../support/http.js';
import { waitForAsync } from '../../support/wait-for.js';
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

  /** A group the account is no longer in, receiving the notices of `topic` (besides the groups of every topic). */
  const addLeftGroup = async (chatId: string, topic: string): Promise<void> => {
    const created = await call(stack.ctx.stack, 'POST', '/api/v1/groups', {
      headers: stack.ctx.editor.headers,
      body: { account: 'sim-report', chatId, name: `Vecchio gruppo ${chatId}`, language: 'ar', topics: [topic], enabled: true },
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
  };
  /**
   * Publishes a notice that fails in one group and waits for its report: the reports of the notices that finished
   * before it have had their chance to arrive.
   */
  const publishAndAwaitReport = async (topic: string): Promise<string> => {
    const id = await publishAnnouncement(stack.ctx, { approved: ['ar'], input: { topics: [topic] } });
    await waitForSummary(stack.ctx, id, settled);
    await reportOf(id);
    return id;
  };
  const reportsAbout = (id: string) => stack.sink.received.filter((mail) => mail.text.includes(`/console/#/announcements/${id}`));
  const reportOf = (id: string) => waitForAsync(async () => reportsAbout(id)[0], `the report on ${id}`);

  it('a notice that reached every group: no e-mail', async () => {
    await addLeftGroup('left-group-of-events', 'events');
    const id = await publishAnnouncement(stack.ctx, { approved: ['ar'], input: { topics: ['family'] } });
    await waitForSummary(stack.ctx, id, settled);

    await publishAndAwaitReport('events');

    expect(reportsAbout(id)).to.have.length(0);
  });

  it('a group the account left: the publisher gets the count, the reason and the link to retry, once', async () => {
    await addLeftGroup('left-group-of-work', 'work');

    const id = await publishAnnouncement(stack.ctx, { approved: ['ar'], input: { topics: ['work'] } });
    await waitForSummary(stack.ctx, id, settled);

    const mail = await reportOf(id);
    expect(mail.to).to.deep.equal([stack.ctx.editor.user.email]);
    expect(mail.subject).to.match(/^Sportello: «.+» non è arrivato a 1 destinatario su 3$/);
    expect(mail.text).to.contain('- not a member of this chat: 1').and.contain(`${stack.ctx.stack.url}/console/#/announcements/${id}`);
    await publishAndAwaitReport('work');
    expect(reportsAbout(id), 'once').to.have.length(1);
  });
});
