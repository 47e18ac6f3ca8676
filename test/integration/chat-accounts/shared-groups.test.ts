import { expect } from 'chai';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { call } from '../../support/http.js';
import { messagesIn, publishAnnouncement, registerGroups, settled, startDispatchStack, waitForSummary, type DispatchStack } from '../dispatch/dispatch-api.js';

const GROUPS = 6;

/** Issue #18: a community spread over several of the town's numbers gets each notice once, from the freer account. */
describe('chat accounts: groups reachable from several accounts', function () {
  this.timeout(90_000);
  // The same six Albanian groups, with both numbers in each: one account slow, one fast.
  const chats = Array.from({ length: GROUPS }, (_, n) => ({ chatId: `shared-sq-${n + 1}`, name: `Shqiptarët ${n + 1}`, type: 'group' as const, language: 'sq' }));
  const slow = { ...buildCommunityAccount({ id: 'sim-slow', languages: [], rateLimit: { minIntervalMs: 3000, maxIntervalMs: 3000, dailyCap: 1000 } }), chats };
  const fast = { ...buildCommunityAccount({ id: 'sim-fast', languages: [], rateLimit: { minIntervalMs: 200, maxIntervalMs: 200, dailyCap: 1000 } }), chats };
  let ctx: DispatchStack;

  before(async () => {
    ctx = await startDispatchStack([slow, fast]);
    await registerGroups(ctx, [slow, fast]);
  });
  after(() => ctx.stack.stop());

  it('a notice, reaches each shared group once, mostly from the account whose budget frees first, and each delivery names its sender', async () => {
    // The other test sends into the same chats: only the messages that appear after this publication are its own.
    const earlier = new Set<string>();
    for (const account of [slow, fast]) for (const chat of chats) for (const m of await messagesIn(ctx, account.id, chat.chatId)) earlier.add(`${account.id} ${chat.chatId} ${m.id}`);
    const ours = async (account: string, chatId: string) => (await messagesIn(ctx, account, chatId)).filter((m) => m.fromUs && !earlier.has(`${account} ${chatId} ${m.id}`));

    const id = await publishAnnouncement(ctx, { approved: ['sq'] });

    const summary = await waitForSummary(ctx, id, settled, 60_000);
    expect(summary.byState.sent).to.equal(GROUPS);
    const listed = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}/deliveries?limit=100`, { headers: ctx.editor.headers });
    const deliveries = listed.body.items as Array<{ account: string; chatId: string; messageIds: string[] }>;
    expect(deliveries.map((d) => d.chatId).sort()).to.deep.equal(chats.map((c) => c.chatId).sort());
    for (const delivery of deliveries) {
      const sender = await ours(delivery.account, delivery.chatId);
      const other = await ours(delivery.account === 'sim-fast' ? 'sim-slow' : 'sim-fast', delivery.chatId);
      expect(sender.map((m) => m.id), delivery.chatId).to.deep.equal(delivery.messageIds);
      expect(other, `${delivery.chatId}: not from the other account too`).to.have.length(0);
    }
    const fromFast = deliveries.filter((d) => d.account === 'sim-fast').length;
    expect(fromFast).to.be.at.least(GROUPS - 2);
  });

  it('planned again (published again for another time), adds no second delivery from the other account', async () => {
    const id = await publishAnnouncement(ctx, { approved: ['sq'], scheduledAt: new Date(Date.now() + 60_000) });
    const again = await call(ctx.stack, 'POST', `/api/v1/announcements/${id}/publish`, { headers: ctx.editor.headers, body: { scheduledAt: new Date(Date.now() + 1000).toISOString() } });
    expect(again.status, JSON.stringify(again.body)).to.equal(202);

    const summary = await waitForSummary(ctx, id, settled, 60_000);
    expect(summary.total).to.equal(GROUPS);
    expect(summary.byState.sent).to.equal(GROUPS);
  });
});
