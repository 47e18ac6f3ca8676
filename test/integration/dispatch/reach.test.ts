import { expect } from 'chai';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { call } from '../../support/http.js';
import { registerGroups, startDispatchStack, type DispatchStack } from './dispatch-api.js';

/** Before publishing, staff see how many groups per language a notice with these topics would reach. */
describe('dispatch: the reach of an announcement before it is published', function () {
  this.timeout(60_000);
  const account = buildCommunityAccount({ id: 'sim-reach', languages: ['ar', 'sq'], groupsPerLanguage: 3 });
  let ctx: DispatchStack;

  before(async () => {
    ctx = await startDispatchStack([account]);
    // Arabic: one group for permits, one for school, one for everything; Albanian: permits, and one disabled.
    const topicsOf: Record<string, string[]> = { 'sim-reach-ar-1': ['permits'], 'sim-reach-ar-2': ['school'], 'sim-reach-ar-3': [] };
    await registerGroups(ctx, [account], (group) => {
      const chatId = String(group.chatId);
      if (chatId.includes('-ar-')) return { ...group, topics: topicsOf[chatId] };
      return { ...group, topics: ['permits'], enabled: chatId !== 'sim-reach-sq-3' };
    });
  });
  after(async () => ctx?.stack.stop());

  const reach = (query: string) => call(ctx.stack, 'GET', `/api/v1/groups/reach?${query}`, { headers: ctx.mediator.headers });

  it('counts the enabled groups per language that share a topic, or take every topic', async () => {
    const permits = await reach('topics=permits');
    expect(permits.status, JSON.stringify(permits.body)).to.equal(200);
    expect(permits.body).to.deep.equal({ topics: ['permits'], items: [{ language: 'ar', groups: 2, citizens: 0 }, { language: 'sq', groups: 2, citizens: 0 }] });

    expect((await reach('topics=school,health')).body.items).to.deep.equal([{ language: 'ar', groups: 2, citizens: 0 }]);
    expect((await reach('topics=permits, school')).body.items).to.deep.equal([{ language: 'ar', groups: 3, citizens: 0 }, { language: 'sq', groups: 2, citizens: 0 }]);
  });

  it('topics missing or malformed: 400 problem naming `topics`', async () => {
    for (const query of ['', 'topics=', 'topics=Permits!', 'topics=permits&x=1']) {
      const response = await reach(query);
      expect(response.status, query).to.equal(400);
      expect(response.headers.get('content-type'), query).to.match(/^application\/problem\+json/);
      expect(JSON.stringify(response.body), query).to.match(query.includes('x=1') ? /x/ : /topics/);
    }
  });
});
