import { expect } from 'chai';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { messagesIn, publishAnnouncement, registerGroups, settled, startDispatchStack, waitForSummary, type ChatMessage, type DispatchStack } from './dispatch-api.js';

describe('dispatch: an urgent notice goes ahead of a normal one already queued on the same account', function () {
  this.timeout(60_000);
  // A paced account sends one message at a time, so the order of the queue is the order of the chats.
  const account = buildCommunityAccount({ id: 'sim-order', languages: ['ro'], groupsPerLanguage: 10, rateLimit: { minIntervalMs: 120, dailyCap: 1000 } });
  let ctx: DispatchStack;
  before(async () => {
    ctx = await startDispatchStack([account]);
    await registerGroups(ctx, [account]);
  });
  after(async () => ctx?.stack.stop());

  it('published while the normal fan-out is under way, the urgent messages all leave before the rest of it', async () => {
    const normal = await publishAnnouncement(ctx, { approved: ['ro'] });
    await waitForSummary(ctx, normal, (s) => (s.byState.sent ?? 0) >= 2);
    // Romanian is not approved in the urgent notice: its groups get the fallback, told apart from the normal text.
    const urgent = await publishAnnouncement(ctx, { approved: ['en'], input: { priority: 'urgent', topics: ['emergency'] } });
    await waitForSummary(ctx, urgent, settled);
    await waitForSummary(ctx, normal, settled);

    const timeline: Array<ChatMessage & { urgent: boolean }> = [];
    for (const chat of account.chats) {
      for (const message of await messagesIn(ctx, account.id, chat.chatId)) timeline.push({ ...message, urgent: !message.text.includes('Title ro') });
    }
    timeline.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

    expect(timeline.filter((m) => m.urgent)).to.have.length(10);
    expect(timeline.filter((m) => !m.urgent)).to.have.length(10);
    const firstUrgent = timeline.findIndex((m) => m.urgent);
    const lastUrgent = timeline.map((m) => m.urgent).lastIndexOf(true);
    const normalsBetween = timeline.slice(firstUrgent, lastUrgent + 1).filter((m) => !m.urgent).length;
    // At most the one normal message that was already being sent when the urgent notice was queued.
    expect(normalsBetween, timeline.map((m) => (m.urgent ? 'U' : 'n')).join('')).to.be.at.most(1);
    expect(timeline.slice(lastUrgent + 1).filter((m) => !m.urgent).length, 'normal messages were still waiting').to.be.at.least(3);
  });
});
