import { expect } from 'chai';
import { signInAs, type SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { startDemoConsole, type ConsoleTab, type DemoConsole } from './demo-console.js';

const MENU = ['nav-list', 'nav-new', 'nav-inbox', 'nav-saved-replies', 'nav-glossary', 'nav-groups', 'nav-channels', 'nav-simulator', 'nav-users', 'nav-audit', 'nav-tokens', 'nav-account'];

/** Each role's menu, and what the console does not offer to those the API would refuse. */
describe('staff console in a browser: what each role is offered', function () {
  this.timeout(240_000);
  let demo: DemoConsole;
  let noticeId: string;
  let conversationId: string;

  before(async () => {
    demo = await startDemoConsole();
    const admin = await signInAs(demo.stack, 'admin');
    noticeId = (await call(demo.stack, 'GET', '/api/v1/announcements', { headers: admin.headers })).body.items.find((a: { status: string }) => a.status === 'in_translation').id;
    conversationId = (await call(demo.stack, 'GET', '/api/v1/inbox/conversations?language=ar', { headers: admin.headers })).body.items[0].id;
  });
  after(async () => demo?.stop());

  async function menuOf(role: 'admin' | 'editor' | 'mediator' | 'viewer'): Promise<{ tab: ConsoleTab; who: SignedInUser; menu: string[] }> {
    const who = await signInAs(demo.stack, role, { languages: ['ar'] });
    const tab = await demo.openTab();
    await tab.signIn({ email: who.user.email, password: who.password });
    const menu = await tab.page.$$eval('#nav a[id]', (links) => links.map((a) => a.id));
    return { tab, who, menu };
  }

  it('an admin has every page, the simulator included (the demo has simulated accounts)', async () => {
    const { tab, menu } = await menuOf('admin');
    expect(menu).to.deep.equal(MENU);
    await tab.context.close();
  });

  it('an editor writes and publishes notices, but has no people, log or simulator, and is not offered to approve a translation', async () => {
    const { tab, menu } = await menuOf('editor');
    expect(menu).to.deep.equal(MENU.filter((id) => !['nav-simulator', 'nav-users', 'nav-audit'].includes(id)));
    await tab.open(`#/announcements/${noticeId}`);
    await tab.page.waitForSelector('#announcement button[name=publish]');
    expect(await tab.page.$('section.translation button[name=approve]')).to.equal(null);
    await tab.open('#/users');
    expect(await tab.page.textContent('main .error')).to.equal('Solo l’amministrazione gestisce le persone.');
    await tab.context.close();
  });

  it('a mediator translates and answers in their language, but writes no notice and publishes nothing', async () => {
    const { tab, menu } = await menuOf('mediator');
    expect(menu).to.deep.equal(MENU.filter((id) => !['nav-new', 'nav-simulator', 'nav-users', 'nav-audit'].includes(id)));
    await tab.open(`#/announcements/${noticeId}`);
    await tab.page.waitForSelector('section.translation[data-lang=ar] button[name=save]');
    expect(await tab.page.$('#announcement button[name=publish]')).to.equal(null);
    expect(await tab.page.$('#edit-announcement')).to.equal(null);
    expect(await tab.page.getAttribute('section.translation[data-lang="zh-Hans"] textarea', 'readonly')).to.not.equal(null);
    await tab.open(`#/inbox/${conversationId}`);
    await tab.page.waitForSelector('#reply textarea');
    expect(await tab.page.$('#personal-data')).to.equal(null);
    await tab.open('#/announcements/new');
    expect(await tab.page.textContent('main .error')).to.equal('Solo la redazione scrive nuovi avvisi.');
    await tab.context.close();
  });

  it('a viewer reads, and is offered no change anywhere', async () => {
    const { tab, menu } = await menuOf('viewer');
    expect(menu).to.deep.equal(MENU.filter((id) => !['nav-new', 'nav-simulator', 'nav-users', 'nav-audit'].includes(id)));
    await tab.open(`#/announcements/${noticeId}`);
    await tab.page.waitForSelector('section.translation');
    expect(await tab.page.$$('#main button[name=publish], #main button[name=save], #main button[name=approve], #edit-announcement')).to.have.length(0);
    await tab.open(`#/inbox/${conversationId}`);
    await tab.page.waitForSelector('#timeline');
    expect(await tab.page.$$('#reply, #note, #conversation button[name=assign], #personal-data')).to.have.length(0);
    await tab.open('#/tokens');
    expect(await tab.page.$('#new-token')).to.equal(null);
    await tab.open('#/simulator');
    expect(await tab.page.$('#new-citizen')).to.equal(null);
    expect(tab.violations).to.deep.equal([]);
    await tab.context.close();
  });
});
