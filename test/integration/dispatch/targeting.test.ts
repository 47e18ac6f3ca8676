import { expect } from 'chai';
import { call } from '../../support/http.js';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { buildTranslationInput } from '../../factories/announcement.factory.js';
import {
  approveTranslation,
  messagesIn,
  publishAnnouncement,
  registerGroups,
  settled,
  startDispatchStack,
  summaryOf,
  waitForSummary,
  type DispatchStack,
} from './dispatch-api.js';

describe('dispatch targeting: topics, enabled flag, languages and the urgent fallback', function () {
  this.timeout(60_000);
  const general = buildCommunityAccount({ id: 'sim-general', languages: ['ar', 'sq'], groupsPerLanguage: 2 });
  const special = buildCommunityAccount({ id: 'sim-special', languages: ['ar'], groupsPerLanguage: 3 });
  let ctx: DispatchStack;

  before(async () => {
    ctx = await startDispatchStack([general, special]);
    await registerGroups(ctx, [general]);
    // sim-special-ar-1 wants school notices only, -2 permits, -3 is disabled.
    await registerGroups(ctx, [special], (g) =>
      g.chatId === 'sim-special-ar-1' ? { ...g, topics: ['school'] } : g.chatId === 'sim-special-ar-2' ? { ...g, topics: ['permits'] } : { ...g, enabled: false },
    );
  });
  after(async () => ctx?.stack.stop());

  it('a permits notice: general groups and the permits group get it; the school-only group and the disabled group get nothing', async () => {
    const id = await publishAnnouncement(ctx, { approved: ['ar', 'sq'], input: { topics: ['permits'] } });

    const summary = await waitForSummary(ctx, id, settled);

    expect(summary.total).to.equal(5);
    expect(summary.byState.sent).to.equal(5);
    expect(await messagesIn(ctx, 'sim-special', 'sim-special-ar-1')).to.have.length(0);
    expect(await messagesIn(ctx, 'sim-special', 'sim-special-ar-2')).to.have.length(1);
    expect(await messagesIn(ctx, 'sim-special', 'sim-special-ar-3')).to.have.length(0);
  });

  it('a normal notice whose languages leave out Albanian: Albanian groups get nothing, until an Albanian text is added and approved', async () => {
    const id = await publishAnnouncement(ctx, { approved: ['ar'], input: { topics: ['health'] } });

    const before = await waitForSummary(ctx, id, (s) => s.byState.sent === 2);
    expect(before.total).to.equal(2);
    expect(before.breakdown.filter((row) => row.language === 'sq')).to.deep.equal([]);
    const albanianBefore = await messagesIn(ctx, 'sim-general', 'sim-general-sq-1');

    await approveTranslation(ctx, id, 'sq');
    const after = await waitForSummary(ctx, id, (s) => s.byState.sent === 4);

    expect(after.byState.waiting_translation).to.equal(0);
    const albanian = (await messagesIn(ctx, 'sim-general', 'sim-general-sq-1')).slice(albanianBefore.length);
    expect(albanian).to.have.length(1);
    expect(albanian[0]?.text).to.contain(buildTranslationInput('sq').title);
  });

  it('an urgent notice with only English approved: Arabic groups get the fallback at once, marked as such', async () => {
    const id = await publishAnnouncement(ctx, {
      approved: ['en'],
      pending: ['ar'],
      input: { priority: 'urgent', topics: ['emergency'], title: 'Allerta meteo rossa', body: 'Domani scuole chiuse.' },
    });

    const summary = await waitForSummary(ctx, id, settled);

    expect(summary.byState.sent).to.equal(summary.total);
    const list = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}/deliveries?language=ar&state=sent`, { headers: ctx.editor.headers });
    expect(list.status).to.equal(200);
    expect(list.body.items.length).to.be.greaterThan(0);
    expect(list.body.items.every((d: { fallback: boolean }) => d.fallback)).to.equal(true);
    const arabic = await messagesIn(ctx, 'sim-general', 'sim-general-ar-1');
    const last = arabic[arabic.length - 1]?.text ?? '';
    expect(last).to.contain('Allerta meteo rossa');
    expect(last).to.contain(buildTranslationInput('en').title);
    expect((await summaryOf(ctx, id)).byState.waiting_translation).to.equal(0);
  });
});
