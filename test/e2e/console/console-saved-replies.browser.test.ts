import { expect } from 'chai';
import { call } from '../../support/http.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../../support/console-browser.js';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import { citizenWrites, conversationWith, startInboxStack, waitForOurMessages, type InboxStack } from '../../integration/inbox/inbox-api.js';
import { publishAnnouncement } from '../../integration/dispatch/dispatch-api.js';
import { buildTranslationInput } from '../../factories/announcement.factory.js';

/**
 * Saved replies in the staff console, in real Chromium: the Arabic mediator writes one on the management page,
 * inserts it into an answer to an Arabic citizen, adapts it and sends it; they never see the Chinese ones; they
 * change and delete theirs; a viewer reads every language's without being offered a change.
 */
describe('staff console in a browser: saved replies for mediators', function () {
  this.timeout(120_000);
  let ctx: InboxStack;
  let chrome: ConsoleBrowser;
  const chat = citizenChat(5);
  const question = buildQuestion('مرحبا، ما هي الوثائق اللازمة لتجديد تصريح الإقامة؟');
  const title = 'Documenti per il rinnovo';
  const savedText = 'أحضر جواز السفر وأربع صور وإيصال الدفع.';
  const chineseTitle = 'Orari dello sportello';
  let conversationId: string;
  let noticeId: string;

  before(async () => {
    ctx = await startInboxStack();
    await citizenWrites(ctx, chat, question);
    conversationId = String((await conversationWith(ctx, question)).id);
    const chinese = await call(ctx.stack, 'POST', '/api/v1/inbox/saved-replies', {
      headers: ctx.chineseMediator.headers,
      body: { language: 'zh-Hans', title: chineseTitle, text: '办公时间：周一至周五，9:00–12:00。' },
    });
    expect(chinese.status, JSON.stringify(chinese.body)).to.equal(201);
    // A notice published in Arabic, and one still a draft: only the first can be pointed to.
    noticeId = await publishAnnouncement({ stack: ctx.stack, admin: ctx.admin, editor: ctx.admin, mediator: ctx.admin }, { approved: ['ar'] });
    await call(ctx.stack, 'POST', '/api/v1/announcements', { headers: ctx.admin.headers, body: { sourceLanguage: 'it', title: 'Bozza', body: 'Non ancora pubblicato.', topics: ['permits'], priority: 'normal', targetLanguages: ['ar'] } });
    chrome = await openConsoleBrowser(ctx.stack.url);
  });
  after(async () => {
    await chrome?.browser.close();
    await ctx?.stack.stop();
  });
  const page = () => chrome.page;
  const optionValues = (select: string) => page().$$eval(`${select} option`, (options) => options.map((o) => o.getAttribute('value')));
  const storedReplies = async (language: string) => {
    const listed = await call(ctx.stack, 'GET', `/api/v1/inbox/saved-replies?language=${language}`, { headers: ctx.admin.headers });
    expect(listed.status, JSON.stringify(listed.body)).to.equal(200);
    return listed.body.items as Array<{ id: string; language: string; title: string; text: string; createdBy: string; updatedBy: string }>;
  };
  /** An Arabic saved reply written through the API by the Arabic mediator; its id. */
  const arabicReply = async (replyTitle: string, text = savedText): Promise<string> => {
    const saved = await call(ctx.stack, 'POST', '/api/v1/inbox/saved-replies', { headers: ctx.arabicMediator.headers, body: { language: 'ar', title: replyTitle, text } });
    expect(saved.status, JSON.stringify(saved.body)).to.equal(201);
    return String(saved.body.id);
  };

  it('the Arabic mediator adds one on the management page, in their only language, and never sees the Chinese ones', async () => {
    await chrome.signIn(ctx.arabicMediator);
    await page().click('#nav-saved-replies');
    await page().waitForSelector('#new-saved-reply');
    const choices = await optionValues('#new-saved-reply select[name=language]');
    expect(choices).to.deep.equal(['ar']);
    expect(await optionValues('#saved-replies-filter select')).to.deep.equal(['', 'ar']);
    expect(await page().getAttribute('#new-saved-reply textarea[name=text]', 'dir')).to.equal('auto');

    await page().fill('#new-saved-reply input[name=title]', title);
    await page().fill('#new-saved-reply textarea[name=text]', savedText);
    await page().click('#new-saved-reply button[type=submit]');
    await page().waitForSelector(`#saved-replies section[data-lang=ar] tr:has(td[data-field=title]:text-is("${title}"))`);

    // Other tests of this file save Arabic replies of their own (in any order): this one's is the one with its title.
    const stored = (await storedReplies('ar')).filter((r) => r.title === title);
    expect(stored.map((r) => ({ title: r.title, text: r.text, createdBy: r.createdBy }))).to.deep.equal([{ title, text: savedText, createdBy: ctx.arabicMediator.user.id }]);
    expect(await page().getAttribute(`#saved-replies tr[data-reply="${stored[0]!.id}"] td[data-field=text] p`, 'dir')).to.equal('auto');
    expect(await page().textContent('#saved-replies')).not.to.contain(chineseTitle);
    expect(await page().$('#saved-replies section[data-lang="zh-Hans"]')).to.equal(null);
  });

  it('the same title again in the same language is refused, the problem shown next to the form and nothing stored', async () => {
    const taken = 'Appuntamenti in Questura';
    await arabicReply(taken);
    const before = await storedReplies('ar');
    await chrome.signIn(ctx.arabicMediator);
    await chrome.open('#/saved-replies');
    await page().waitForSelector('#new-saved-reply');

    await page().fill('#new-saved-reply input[name=title]', taken);
    await page().fill('#new-saved-reply textarea[name=text]', 'نص آخر');
    await page().click('#new-saved-reply button[type=submit]');
    const problem = await (await page().waitForSelector('#new-saved-reply > .error')).textContent();
    const refused = await call(ctx.stack, 'POST', '/api/v1/inbox/saved-replies', { headers: ctx.arabicMediator.headers, body: { language: 'ar', title: taken, text: 'نص آخر' } });
    expect(refused.status).to.equal(409);
    expect((refused.body.errors as Array<{ field: string }>).map((e) => e.field)).to.deep.equal(['title']);
    expect(problem).to.contain(refused.body.detail).and.contain('title');
    expect(await page().inputValue('#new-saved-reply textarea[name=text]')).to.equal('نص آخر');
    expect(await storedReplies('ar')).to.deep.equal(before);
  });

  it('in an Arabic conversation the mediator inserts it after their greeting, adapts it and sends it: the citizen gets that text', async () => {
    const inserted = 'Documenti da portare';
    await arabicReply(inserted);
    await chrome.signIn(ctx.arabicMediator);
    await chrome.open(`#/inbox/${conversationId}`);
    await page().waitForSelector('#reply #saved-reply-picker summary');
    expect(await page().textContent('#saved-reply-picker')).not.to.contain(chineseTitle);
    expect(await page().getAttribute('#saved-reply-picker li p', 'dir')).to.equal('auto');

    await page().fill('#reply textarea[name=text]', 'مرحبا،');
    await page().click('#saved-reply-picker summary');
    await page().click(`#saved-reply-picker button:text-is("${inserted}")`);
    expect(await page().inputValue('#reply textarea[name=text]')).to.equal(`مرحبا،\n\n${savedText}`);
    expect(await page().$('#reply textarea[name=text]:focus')).not.to.equal(null);
    // Typed where the cursor was left: at the end of the inserted text.
    await page().keyboard.type(' شكرا.');

    const answer = `مرحبا،\n\n${savedText} شكرا.`;
    await page().click('#reply button[type=submit]');
    await page().waitForSelector('#timeline li[data-from=us]:has-text("شكرا.")');
    const ours = await waitForOurMessages(ctx, chat, (sent) => sent.some((m) => m.text === answer));
    expect(ours.at(-1)?.text).to.equal(answer);
  });

  it('the mediator points the citizen to a published notice: its Arabic title and the address of its Arabic page', async () => {
    const notice = (await call(ctx.stack, 'GET', `/api/v1/announcements/${noticeId}`, { headers: ctx.admin.headers })).body;
    const arabicPage = notice.noticeUrls.ar as string;
    expect(arabicPage).to.match(/\/n\/[^/]+\/ar$/);
    await chrome.signIn(ctx.arabicMediator);
    await chrome.open(`#/inbox/${conversationId}`);
    await page().waitForSelector('#reply #notice-link-picker summary');
    expect(await page().$$('#notice-link-picker li')).to.have.length(1);

    await page().click('#notice-link-picker summary');
    await page().click(`#notice-link-picker li[data-announcement="${noticeId}"] button`);

    const linked = `${buildTranslationInput('ar').title}\n${arabicPage}`;
    expect(await page().inputValue('#reply textarea[name=text]')).to.equal(linked);
    await page().click('#reply button[type=submit]');
    const ours = await waitForOurMessages(ctx, chat, (sent) => sent.some((m) => m.text === linked));
    expect(ours.at(-1)?.text).to.equal(linked);
    const page200 = await fetch(arabicPage.replace(/^https?:\/\/[^/]+/, ctx.stack.url));
    expect(page200.status, 'the page the citizen gets').to.equal(200);
  });

  it('the mediator changes its text on the management page, then deletes it after confirming', async () => {
    const edited = 'Documenti, da rivedere';
    const reply = { id: await arabicReply(edited) };
    await chrome.signIn(ctx.arabicMediator);
    await page().click('#nav-saved-replies');
    await page().click(`#saved-replies tr[data-reply="${reply.id}"] a:text("Modifica")`);
    await page().waitForSelector('#edit-saved-reply');
    expect(await page().inputValue('#edit-saved-reply input[name=title]')).to.equal(edited);
    expect(await page().inputValue('#edit-saved-reply textarea[name=text]')).to.equal(savedText);
    const changed = 'أحضر جواز السفر وصورتين.';
    await page().fill('#edit-saved-reply textarea[name=text]', changed);
    await page().click('#edit-saved-reply button[type=submit]');
    await page().waitForURL(/#\/saved-replies$/);
    await page().waitForSelector(`#saved-replies tr[data-reply="${reply.id}"] td[data-field=text] p:text-is("${changed}")`);
    expect(await page().$('#edit-saved-reply')).to.equal(null);
    const stored = await call(ctx.stack, 'GET', `/api/v1/inbox/saved-replies/${reply.id}`, { headers: ctx.admin.headers });
    expect(stored.body).to.include({ title: edited, text: changed, updatedBy: ctx.arabicMediator.user.id });

    page().once('dialog', (dialog) => void dialog.accept());
    await page().click(`#saved-replies tr[data-reply="${reply.id}"] button[name=delete]`);
    await page().waitForSelector(`#saved-replies tr[data-reply="${reply.id}"]`, { state: 'detached' });
    const gone = await call(ctx.stack, 'GET', `/api/v1/inbox/saved-replies/${reply.id}`, { headers: ctx.admin.headers });
    expect(gone.status).to.equal(404);
  });

  it('with none left in Arabic, the conversation says so and links to the management page for Arabic', async () => {
    for (const { id } of await storedReplies('ar')) {
      expect((await call(ctx.stack, 'DELETE', `/api/v1/inbox/saved-replies/${id}`, { headers: ctx.admin.headers })).status).to.equal(204);
    }
    await chrome.signIn(ctx.arabicMediator);
    await chrome.open(`#/inbox/${conversationId}`);
    await page().waitForSelector('#reply #saved-reply-picker a');
    expect(await page().$('#saved-reply-picker summary')).to.equal(null);
    await page().click('#saved-reply-picker a');
    await page().waitForURL(/#\/saved-replies\?language=ar$/);
    expect(await page().inputValue('#saved-replies-filter select')).to.equal('ar');
  });

  it('the admin may write in every supported language; the page opened for one language proposes it', async () => {
    await chrome.signIn(ctx.admin);
    await chrome.open('#/saved-replies?language=ur');
    await page().waitForSelector('#new-saved-reply');
    const choices = await optionValues('#new-saved-reply select[name=language]');
    const supported = (await call(ctx.stack, 'GET', '/api/v1/languages')).body.items as Array<{ code: string }>;
    expect(choices).to.deep.equal(supported.map((l) => l.code));
    expect(await page().inputValue('#new-saved-reply select[name=language]')).to.equal('ur');
  });

  it('a viewer reads every language’s saved replies, without a form nor a change offered', async () => {
    await chrome.signIn(ctx.viewer);
    await page().click('#nav-saved-replies');
    await page().waitForSelector(`#saved-replies section[data-lang="zh-Hans"] td[data-field=title]:text-is("${chineseTitle}")`);
    expect(await page().$('#new-saved-reply')).to.equal(null);
    expect(await page().$('#saved-replies button[name=delete]')).to.equal(null);
    expect(await page().$('#saved-replies a:text("Modifica")')).to.equal(null);
  });

  it('the pages of this file, opened once more, and everything before them ran without a CSP violation or a script error', async () => {
    await arabicReply('Per la pagina');

    await chrome.visit(ctx.arabicMediator, [
      ['#/saved-replies', '#saved-replies td[data-field=title]:text-is("Per la pagina")'],
      [`#/inbox/${conversationId}`, '#reply #saved-reply-picker summary'],
    ]);

    expect(chrome.violations).to.deep.equal([]);
  });
});
