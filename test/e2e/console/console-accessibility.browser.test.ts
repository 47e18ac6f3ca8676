import { expect } from 'chai';
import { signInAs } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { saveScreenshot, scrollsSideways, seriousAccessibilityViolations, startDemoConsole, waitForHeadingFocus, type DemoConsole } from './demo-console.js';

/** Every page of the console, as the demo's admin sees it (the admin sees them all). */
const PAGES: Array<[string, string]> = [
  ['#/announcements', 'announcements'],
  ['#/announcements/new', 'new-announcement'],
  ['#/inbox', 'inbox'],
  ['#/saved-replies', 'saved-replies'],
  ['#/glossary', 'glossary'],
  ['#/groups', 'groups'],
  ['#/channels', 'channels'],
  ['#/simulator', 'simulator'],
  ['#/users', 'people'],
  ['#/audit', 'audit'],
  ['#/tokens', 'tokens'],
  ['#/account', 'account'],
];

/**
 * Accessibility of the console under axe-core (0 serious or critical findings on every page, sign-in included),
 * with no sideways scrolling at 1280 px nor at 200 % zoom; focus, skip link and menu state for keyboard and
 * screen-reader users; the console in English, problems included. Screenshots of each page go to test-output/.
 */
describe('staff console in a browser: accessibility and languages', function () {
  this.timeout(300_000);
  let demo: DemoConsole;
  let detailHashes: Array<[string, string]>;

  before(async () => {
    demo = await startDemoConsole();
    const admin = await signInAs(demo.stack, 'admin');
    const notices = await call(demo.stack, 'GET', '/api/v1/announcements', { headers: admin.headers });
    const conversations = await call(demo.stack, 'GET', '/api/v1/inbox/conversations', { headers: admin.headers });
    detailHashes = [
      [`#/announcements/${notices.body.items[0].id}`, 'announcement'],
      [`#/inbox/${conversations.body.items[0].id}`, 'conversation-page'],
    ];
  });
  after(async () => demo?.stop());

  it('the sign-in page and every page have no serious or critical axe finding, and no sideways scrolling at 1280 px', async () => {
    const tab = await demo.openTab();
    await tab.page.goto(new URL('/console/', demo.stack.url).href);
    await tab.page.waitForSelector('#login');
    const findings: string[] = (await seriousAccessibilityViolations(tab.page)).map((f) => `sign-in: ${f}`);
    await saveScreenshot(tab.page, 'sign-in');
    await tab.signIn(demo.admin);
    for (const [hash, name] of [...PAGES, ...detailHashes]) {
      await tab.open(hash);
      await tab.page.waitForSelector('[aria-busy=true]', { state: 'detached' });
      findings.push(...(await seriousAccessibilityViolations(tab.page)).map((f) => `${hash}: ${f}`));
      expect(await scrollsSideways(tab.page), hash).to.equal(false);
      await saveScreenshot(tab.page, name);
    }
    expect(findings).to.deep.equal([]);
    expect(tab.violations).to.deep.equal([]);
    await tab.context.close();
  });

  it('at 200 % zoom every page still fits the width: no sideways scrolling, the menu within reach', async () => {
    const tab = await demo.openTab({ zoom: 2 });
    await tab.signIn(demo.admin);
    for (const [hash] of [...PAGES, ...detailHashes]) {
      await tab.open(hash);
      await tab.page.waitForSelector('[aria-busy=true]', { state: 'detached' });
      expect(await scrollsSideways(tab.page), hash).to.equal(false);
    }
    expect(await tab.page.isVisible('#nav-inbox')).to.equal(true);
    await saveScreenshot(tab.page, 'inbox-zoom-200');
    await tab.context.close();
  });

  it('a skip link leads past the menu; the menu marks the current page; after a navigation the focus is on the new page’s heading', async () => {
    const tab = await demo.openTab();
    await tab.signIn(demo.admin);
    await tab.page.keyboard.press('Tab');
    expect(await tab.page.evaluate('document.activeElement.className')).to.equal('skip');
    await tab.page.keyboard.press('Enter');
    expect(await tab.page.evaluate('document.activeElement.id')).to.equal('main');

    await tab.menu('nav-groups');
    expect(await tab.page.getAttribute('#nav-groups', 'aria-current')).to.equal('page');
    expect(await tab.page.getAttribute('#nav-inbox', 'aria-current')).to.equal(null);
    await waitForHeadingFocus(tab.page);
    expect(await tab.page.evaluate('document.activeElement.textContent')).to.equal('Gruppi delle comunità');
    await tab.context.close();
  });

  it('in English: menus, headings, language names and the API’s problems; the choice stays for the next visit', async () => {
    const tab = await demo.openTab();
    await tab.page.goto(new URL('/console/', demo.stack.url).href);
    await tab.page.fill('#login input[name=email]', demo.admin.email);
    await tab.page.fill('#login input[name=password]', 'not-the-password');
    await tab.page.click('#login button[type=submit]');
    expect(await tab.page.textContent('#login .error strong')).to.equal('E-mail o password errate');

    await tab.signIn(demo.admin);
    await tab.page.selectOption('#console-language', 'en');
    await tab.page.waitForSelector('#nav-inbox:has-text("Citizens\' questions")');
    expect(await tab.page.getAttribute('html', 'lang')).to.equal('en');
    await tab.menu('nav-inbox');
    expect(await tab.page.textContent('main h1')).to.equal('Citizens\' questions');
    expect(await tab.page.textContent('#inbox-stats tbody tr th')).to.match(/^(Arabic|Albanian|Simplified Chinese|Chinese)/);
    await tab.page.reload();
    await tab.page.waitForSelector('#nav-list:has-text("Notices")');

    // A refusal from the API, titled in English: a quiet-hours range given by half.
    await tab.menu('nav-groups');
    await tab.page.click('#groups a:text("Edit")');
    await tab.page.fill('#edit-group input[name=quietFrom]', '21:00');
    await tab.page.fill('#edit-group input[name=quietTo]', '');
    await tab.page.click('#edit-group button[type=submit]');
    expect(await tab.page.textContent('#edit-group .error strong')).to.equal('Invalid request');
    await saveScreenshot(tab.page, 'groups-english');
    expect(tab.violations).to.deep.equal([]);
    await tab.context.close();
  });
});
