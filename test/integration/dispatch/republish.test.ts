import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { call } from '../../support/http.js';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { messagesIn, publishAnnouncement, registerGroups, settled, startDispatchStack, summaryOf, waitForSummary, type DispatchStack } from './dispatch-api.js';

const HOUR = 60 * 60_000;

describe('dispatch: a scheduled announcement published again with another scheduledAt', function () {
  this.timeout(60_000);
  const account = buildCommunityAccount({ id: 'sim-moved', languages: ['sq'], groupsPerLanguage: 3 });
  let ctx: DispatchStack;
  before(async () => {
    ctx = await startDispatchStack([account]);
    await registerGroups(ctx, [account]);
  });
  after(async () => ctx?.stack.stop());

  async function publishAgain(id: string, scheduledAt: Date): Promise<void> {
    const response = await call(ctx.stack, 'POST', `/api/v1/announcements/${id}/publish`, { headers: ctx.editor.headers, body: { scheduledAt: scheduledAt.toISOString() } });
    expect(response.status, JSON.stringify(response.body)).to.equal(202);
    expect(response.body.scheduledAt).to.equal(scheduledAt.toISOString());
  }

  async function receivedPerChat(): Promise<Array<{ count: number; at: number[] }>> {
    const result = [];
    for (const chat of account.chats) {
      const messages = await messagesIn(ctx, account.id, chat.chatId);
      result.push({ count: messages.length, at: messages.map((m) => Date.parse(m.at)) });
    }
    return result;
  }

  /**
   * Publishes a notice now and waits until every group has it: the account's queue takes due jobs in order, so
   * whatever was due before (a duplicate, a send at an old time) has had its turn.
   */
  async function queueMovedOn(): Promise<void> {
    const marker = await publishAnnouncement(ctx, { approved: ['sq'], input: { topics: ['health'] } });
    expect((await waitForSummary(ctx, marker, settled, 15_000)).byState).to.include({ sent: 3 });
  }

  it('moved earlier (tomorrow → in 2 s): every group gets it once, after the new time, not tomorrow', async () => {
    const id = await publishAnnouncement(ctx, { approved: ['sq'], scheduledAt: new Date(Date.now() + 24 * HOUR) });
    const earlier = new Date(Date.now() + 2000);

    await publishAgain(id, earlier);
    const summary = await waitForSummary(ctx, id, settled, 15_000);

    expect(summary).to.deep.include({ total: 3 });
    expect(summary.byState).to.include({ sent: 3, queued: 0, cancelled: 0 });
    const received = await receivedPerChat();
    for (const chat of received) expect(chat.at.filter((at) => at >= earlier.getTime())).to.have.length(1);
    await queueMovedOn();
    expect(await summaryOf(ctx, id)).to.deep.equal(summary);
    expect((await receivedPerChat()).map((c) => c.count)).to.deep.equal(received.map((c) => c.count + 1));
  });

  it('published again without scheduledAt (an hour ahead → now): it goes now, once per group', async () => {
    const before = await receivedPerChat();
    const id = await publishAnnouncement(ctx, { approved: ['sq'], scheduledAt: new Date(Date.now() + HOUR) });

    const again = await call(ctx.stack, 'POST', `/api/v1/announcements/${id}/publish`, { headers: ctx.editor.headers });
    const summary = await waitForSummary(ctx, id, settled, 15_000);

    expect(again.status).to.equal(202);
    expect(Date.parse(again.body.scheduledAt)).to.be.closeTo(Date.now(), 15_000);
    expect(summary).to.deep.include({ total: 3 });
    expect(summary.byState).to.include({ sent: 3 });
    expect((await receivedPerChat()).map((c) => c.count)).to.deep.equal(before.map((c) => c.count + 1));
  });

  it('moved later (in 2 s → in an hour): nothing leaves at the old time, every delivery waits for the new one', async () => {
    const before = await receivedPerChat();
    const oldTime = new Date(Date.now() + 2000);
    const id = await publishAnnouncement(ctx, { approved: ['sq'], scheduledAt: oldTime });
    const later = new Date(Date.now() + HOUR);

    await publishAgain(id, later);
    // The old time itself, then a notice that goes now: what was due at the old time has had its turn.
    await sleep(Math.max(0, oldTime.getTime() - Date.now()));
    await queueMovedOn();

    const summary = await summaryOf(ctx, id);
    expect(summary.byState).to.include({ queued: 3, sent: 0 });
    expect((await receivedPerChat()).map((c) => c.count)).to.deep.equal(before.map((c) => c.count + 1));
    const listed = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}/deliveries`, { headers: ctx.editor.headers });
    for (const delivery of listed.body.items) expect(Date.parse(delivery.notBefore)).to.equal(later.getTime());

    const now = new Date(Date.now() + 1000);
    await publishAgain(id, now);
    const sent = await waitForSummary(ctx, id, settled, 15_000);
    expect(sent.byState).to.include({ sent: 3 });
    expect((await receivedPerChat()).map((c) => c.count)).to.deep.equal(before.map((c) => c.count + 2));
  });
});
