import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { call } from '../../support/http.js';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { buildTranslationInput } from '../../factories/announcement.factory.js';
import { messagesIn, publishAnnouncement, registerGroups, settled, startDispatchStack, summaryOf, waitForSummary, type DispatchStack } from './dispatch-api.js';

describe('dispatch fan-out on the simulator', function () {
  this.timeout(60_000);
  const account = buildCommunityAccount({ id: 'sim-community', languages: ['ar', 'zh-Hans', 'sq'], groupsPerLanguage: 4 });
  let ctx: DispatchStack;

  before(async () => {
    ctx = await startDispatchStack([account]);
    await registerGroups(ctx, [account]);
  });
  after(async () => ctx?.stack.stop());

  it('a normal announcement approved in 3 languages: each of the 12 groups receives exactly one message, in its own language', async () => {
    const id = await publishAnnouncement(ctx, { approved: ['ar', 'zh-Hans', 'sq'] });

    const summary = await waitForSummary(ctx, id, settled);

    expect(summary.total).to.equal(12);
    expect(summary.byState.sent).to.equal(12);
    for (const lang of ['ar', 'zh-Hans', 'sq']) {
      const expected = buildTranslationInput(lang).title;
      for (const chat of account.chats.filter((c) => c.language === lang)) {
        const messages = (await messagesIn(ctx, account.id, chat.chatId)).filter((m) => m.fromUs && m.text.includes(expected));
        expect(messages, `${chat.chatId}`).to.have.length(1);
      }
      expect(summary.breakdown).to.deep.include({ state: 'sent', language: lang, channel: 'whatsapp', count: 4 });
    }
    let status = '';
    for (let i = 0; i < 50 && status !== 'sent'; i += 1) {
      await sleep(100);
      status = (await call(ctx.stack, 'GET', `/api/v1/announcements/${id}`, { headers: ctx.editor.headers })).body.status;
    }
    expect(status).to.equal('sent');
    const history = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}/history`, { headers: ctx.editor.headers });
    expect(JSON.stringify(history.body)).to.contain('"sending"');
  });

  it('publishing a scheduled announcement again for the same time: no second delivery for any group, all still waiting', async () => {
    const scheduledAt = new Date(Date.now() + 3_600_000);
    const id = await publishAnnouncement(ctx, { approved: ['ar', 'zh-Hans', 'sq'], scheduledAt });
    const first = await summaryOf(ctx, id);

    const again = await call(ctx.stack, 'POST', `/api/v1/announcements/${id}/publish`, { headers: ctx.editor.headers, body: { scheduledAt: scheduledAt.toISOString() } });

    expect(again.status).to.equal(202);
    const second = await summaryOf(ctx, id);
    expect(first.total).to.equal(12);
    expect(second.total).to.equal(12);
    expect(second.byState.queued).to.equal(12);
  });
});
