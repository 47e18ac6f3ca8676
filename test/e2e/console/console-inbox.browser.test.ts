import { expect } from 'chai';
import { call } from '../../support/http.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../../support/console-browser.js';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import { citizenWrites, conversationWith, startInboxStack, waitForOurMessages, type InboxStack } from '../../integration/inbox/inbox-api.js';

/**
 * The citizens' questions in the staff console, in real Chromium: the Arabic mediator finds the Arabic question
 * in their queue, takes it, answers in the same chat and closes it; the Chinese mediator never sees it; on
 * the citizen's request an admin downloads and then erases their data.
 */
async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

describe('staff console in a browser: a mediator answers a citizen', function () {
  this.timeout(120_000);
  let ctx: InboxStack;
  let chrome: ConsoleBrowser;
  const chat = citizenChat(3);
  // Markup in a citizen's text must reach the page as text.
  const question = buildQuestion('مرحبا، كيف أجدد تصريح الإقامة؟ <img src=x>');
  let conversationId: string;

  before(async () => {
    ctx = await startInboxStack();
    await citizenWrites(ctx, chat, question);
    await waitForOurMessages(ctx, chat, (ours) => ours.length === 1);
    conversationId = String((await conversationWith(ctx, question)).id);
    chrome = await openConsoleBrowser(ctx.stack.url);
  });
  after(async () => {
    await chrome?.browser.close();
    await ctx?.stack.stop();
  });
  const page = () => chrome.page;

  it('the Chinese mediator’s queue does not hold the Arabic question, nor does their menu count it', async () => {
    await chrome.signIn(ctx.chineseMediator);
    // Once the count has arrived (a hidden badge before it proves nothing).
    await page().waitForSelector('#nav-inbox-waiting[data-loaded]', { state: 'attached' });
    expect(await page().isVisible('#nav-inbox-waiting')).to.equal(false);
    await page().click('#nav-inbox');
    await page().waitForSelector('main h1');
    expect(await page().$(`#conversations tr[data-id="${conversationId}"]`)).to.equal(null);
    await chrome.signOut();
  });

  it('the Arabic mediator finds it in their queue and reads it as text, with the automatic acknowledgement after it', async () => {
    await chrome.signIn(ctx.arabicMediator);
    // The menu counts the citizens waiting in the mediator's languages.
    await page().waitForSelector('#nav-inbox-waiting:not([hidden])');
    expect(await page().textContent('#nav-inbox-waiting')).to.equal('1');
    await page().click('#nav-inbox');
    // The answer times: one Arabic citizen waiting, nobody answered yet; the queue says for how long.
    await page().waitForSelector('#inbox-stats tr[data-lang=ar]');
    expect(await page().textContent('#inbox-stats tr[data-lang=ar] th')).to.equal('Arabo (ar)');
    expect(await page().textContent('#inbox-stats tr[data-lang=ar] td[data-field=waiting]')).to.equal('1');
    expect(await page().textContent('#inbox-stats tr[data-lang=ar] td[data-field=answered]')).to.equal('0');
    expect(await page().textContent(`#conversations tr[data-id="${conversationId}"] td[data-field=waiting]`)).to.match(/^\d+ min$/);
    await page().check('#inbox-filters input[name=waiting]');
    await page().click('#inbox-filters button[type=submit]');
    await page().waitForURL(/waiting=true/);
    await page().waitForSelector(`#conversations tr[data-id="${conversationId}"]`);
    await page().click(`#conversations tr[data-id="${conversationId}"] a`);
    await page().waitForSelector('#timeline');
    const entries = await page().$$eval('#timeline li', (items) => items.map((li) => ({ from: li.getAttribute('data-from'), text: li.querySelector('.text')?.textContent })));
    expect(entries[0]).to.deep.equal({ from: 'citizen', text: question });
    expect(entries[1]?.from).to.equal('us');
    expect(await page().$('#timeline img')).to.equal(null);
    expect(await page().getAttribute('#timeline li[data-from=citizen] .text', 'dir')).to.equal('auto');
  });

  it('takes it, notes, answers in the same chat and closes it', async () => {
    await chrome.signIn(ctx.arabicMediator);
    await chrome.open(`#/inbox/${conversationId}`);
    await page().click('#conversation button[name=assign]');
    await page().waitForSelector('#conversation .chip:text("in carico")');

    await page().fill('#note textarea', 'Ha già un appuntamento in Questura.');
    await page().click('#note button[type=submit]');
    await page().waitForSelector('#notes li:has-text("Questura")');

    const answer = 'نعم، احجز موعدًا في مكتب البريد.';
    expect(await page().getAttribute('#reply textarea', 'dir')).to.equal('rtl');
    await page().fill('#reply textarea', answer);
    await page().click('#reply button[type=submit]');
    await page().waitForSelector('#timeline li[data-from=us]:has-text("مكتب البريد")');
    const ours = await waitForOurMessages(ctx, chat, (sent) => sent.length === 2);
    expect(ours[1]?.text).to.equal(answer);

    await page().click('#conversation button[name=close]');
    await page().waitForSelector('#conversation .chip:text("chiuso")');
    const stored = await call(ctx.stack, 'GET', `/api/v1/inbox/conversations/${conversationId}`, { headers: ctx.admin.headers });
    expect(stored.body).to.include({ state: 'closed', assigneeId: ctx.arabicMediator.user.id });

    await page().click('#nav-inbox');
    await page().waitForSelector('#inbox-stats tr[data-lang=ar]');
    expect(await page().textContent('#inbox-stats tr[data-lang=ar] td[data-field=waiting]')).to.equal('0');
    expect(await page().textContent('#inbox-stats tr[data-lang=ar] td[data-field=answered]')).to.equal('1');
    expect(await page().textContent('#inbox-stats tr[data-lang=ar] td[data-field=within-target]')).to.equal('100%');
    expect(stored.body.notes.map((n: { text: string }) => n.text)).to.deep.equal(['Ha già un appuntamento in Questura.']);
  });

  it('a citizen who then asks for the notices in their own words is subscribed by the mediator, and shown so on the conversation', async () => {
    const sentBefore = (await waitForOurMessages(ctx, chat, (sent) => sent.length > 0)).length;
    await chrome.signIn(ctx.arabicMediator);
    await chrome.open(`#/inbox/${conversationId}`);
    await page().waitForSelector('#subscription button[name=subscribe]');

    await page().check('#subscription input[value=school]');
    await page().click('#subscription button[name=subscribe]');

    await page().waitForSelector('#subscription button[name=unsubscribe]');
    expect(await page().textContent('#conversation')).to.contain('riceve gli avvisi in privato dal');
    expect(await page().textContent('#subscription')).to.contain('scuola');
    expect(await page().isChecked('#subscription input[value=school]')).to.equal(true);
    const ours = await waitForOurMessages(ctx, chat, (sent) => sent.length === sentBefore + 1);
    expect(ours.at(-1)?.text).to.contain('UNSUBSCRIBE');
    const stored = await call(ctx.stack, 'GET', `/api/v1/inbox/conversations/${conversationId}`, { headers: ctx.admin.headers });
    expect(stored.body.contact.subscribedTopics).to.deep.equal(['school']);
  });

  it('a viewer reads the queue but is offered no reply, nor the citizen’s data', async () => {
    await chrome.signIn(ctx.viewer);
    await chrome.open(`#/inbox/${conversationId}`);
    await page().waitForSelector('#timeline');
    expect(await page().$('#reply')).to.equal(null);
    expect(await page().$('#conversation button[name=assign]')).to.equal(null);
    expect(await page().$('#personal-data')).to.equal(null);
  });

  it('on the citizen’s request, the admin downloads their data, then erases it: the conversation is gone', async () => {
    await chrome.signIn(ctx.admin);
    await chrome.open(`#/inbox/${conversationId}`);
    await page().waitForSelector('#personal-data');
    const [download] = await Promise.all([page().waitForEvent('download'), page().click('#export-contact')]);
    const exported = JSON.parse(await streamText(await download.createReadStream()));
    expect(JSON.stringify(exported)).to.contain(question);

    page().once('dialog', (dialog) => void dialog.accept());
    await page().click('#personal-data button[name=erase]');
    await page().waitForURL(/#\/inbox$/);
    const after = await call(ctx.stack, 'GET', `/api/v1/inbox/conversations/${conversationId}`, { headers: ctx.admin.headers });
    expect(after.status).to.equal(404);
    await page().waitForSelector('#inbox-filters');
    expect(await page().$(`#conversations tr[data-id="${conversationId}"]`)).to.equal(null);
  });

  it('left open, the console counts a new question within a minute, in the menu and in the tab’s title', async () => {
    // Nobody waiting: whatever still waits is closed first. Time is Playwright's from here, so a minute passes at once.
    const waiting = await call(ctx.stack, 'GET', '/api/v1/inbox/conversations?waiting=true&limit=100', { headers: ctx.admin.headers });
    for (const { id } of waiting.body.items as Array<{ id: string }>) {
      expect((await call(ctx.stack, 'POST', `/api/v1/inbox/conversations/${id}/close`, { headers: ctx.admin.headers })).status).to.equal(200);
    }
    await chrome.signIn(ctx.admin);
    await chrome.open('#/inbox');
    await page().clock.install();
    await page().reload();
    await page().waitForSelector('#inbox-filters');
    await page().waitForSelector('#nav-inbox-waiting[data-loaded]', { state: 'attached' });
    expect(await page().isVisible('#nav-inbox-waiting')).to.equal(false);
    expect(await page().title()).to.equal('Sportello — console');

    await citizenWrites(ctx, citizenChat(5), buildQuestion('你好，我想预约'));
    await page().clock.runFor(61_000);

    await page().waitForSelector('#nav-inbox-waiting:not([hidden])');
    expect(await page().textContent('#nav-inbox-waiting')).to.equal('1');
    expect(await page().title()).to.equal('(1) Sportello — console');
    await chrome.signOut();
    expect(await page().title()).to.equal('Sportello — console');
  });

  it('the pages of this file, opened once more, and everything before them ran without a CSP violation or a script error', async () => {
    const another = buildQuestion('مرحبا، أين المكتب؟');
    await citizenWrites(ctx, citizenChat(7), another);
    const anotherId = String((await conversationWith(ctx, another)).id);

    await chrome.visit(ctx.arabicMediator, [
      ['#/inbox', `#conversations tr[data-id="${anotherId}"]`],
      [`#/inbox/${anotherId}`, '#timeline li[data-from=citizen]'],
    ]);

    expect(chrome.violations).to.deep.equal([]);
  });
});
