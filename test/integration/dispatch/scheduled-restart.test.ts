import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { startSharedInfra, type SharedInfra } from '../../support/shared-infra.js';
import { messagesIn, publishAnnouncement, registerGroups, settled, startDispatchStack, summaryOf, waitForSummary, type DispatchStack } from './dispatch-api.js';

describe('dispatch: scheduled announcements across a restart of the service', function () {
  this.timeout(60_000);
  const account = buildCommunityAccount({ id: 'sim-later', languages: ['ro'], groupsPerLanguage: 2 });
  let infra: SharedInfra;
  let first: DispatchStack | undefined;
  let second: DispatchStack | undefined;

  before(async () => (infra = await startSharedInfra()));
  after(async () => {
    await first?.stack.stop();
    await second?.stack.stop();
    await infra?.stop();
  });

  it('scheduled 4 s ahead, service stopped before then and started again: the messages leave after the time, once', async () => {
    first = await startDispatchStack([account], infra.env);
    await registerGroups(first, [account]);
    const scheduledAt = new Date(Date.now() + 4000);
    const id = await publishAnnouncement(first, { approved: ['ro'], scheduledAt });
    expect((await summaryOf(first, id)).byState.queued).to.equal(2);
    await first.stack.stop();
    first = undefined;
    await sleep(500);

    second = await startDispatchStack([account], infra.env);
    const summary = await waitForSummary(second, id, settled, 20_000);

    expect(summary.byState.sent).to.equal(2);
    for (const chat of account.chats) {
      const messages = await messagesIn(second, account.id, chat.chatId);
      expect(messages).to.have.length(1);
      expect(Date.parse(messages[0]?.at ?? '')).to.be.at.least(scheduledAt.getTime());
    }
  });
});
