import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { startDemoConsole, waitForHeadingFocus, type DemoConsole } from './demo-console.js';

/** Presses Tab until the focused element matches `selector` (a CSS selector), as someone without a mouse does. */
async function tabTo(page: Page, selector: string, limit = 80): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(`document.activeElement && document.activeElement.matches(${JSON.stringify(selector)})`)) as boolean) return;
  }
  throw new Error(`${selector} not reached with ${limit} presses of Tab`);
}

/** The mediator's journey with the keyboard alone: sign in, open a citizen's conversation, answer. */
describe('staff console in a browser: keyboard only', function () {
  this.timeout(180_000);
  let demo: DemoConsole;

  before(async () => {
    demo = await startDemoConsole();
  });
  after(async () => demo?.stop());

  it('sign in → open the waiting conversation → answer, without a mouse', async () => {
    const tab = await demo.openTab();
    const page = tab.page;
    await page.goto(new URL('/console/', demo.stack.url).href);
    await page.waitForSelector('#login');
    await tabTo(page, '#login input[name=email]');
    await page.keyboard.type(demo.admin.email);
    await tabTo(page, '#login input[name=password]');
    await page.keyboard.type(demo.admin.password);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#nav');

    await tabTo(page, '#nav-inbox');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#conversations');
    await waitForHeadingFocus(page);
    await tabTo(page, '#conversations td[data-field=who] a');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#timeline');

    await tabTo(page, '#reply textarea');
    const answer = 'Grazie, le rispondiamo domani mattina.';
    await page.keyboard.type(answer);
    await tabTo(page, '#reply button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`#timeline li[data-from=us]:has-text("${answer}")`);
    await page.waitForSelector('#announcer:text("Risposta in partenza.")');
    expect(tab.violations).to.deep.equal([]);
  });
});
