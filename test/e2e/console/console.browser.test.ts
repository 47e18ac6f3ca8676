import { expect } from 'chai';
import { signInAs, type SignedInUser } from '../../support/auth.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../../support/console-browser.js';
import { call } from '../../support/http.js';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { createAnnouncement, registerGroups, startDispatchStack, type DispatchStack } from '../../integration/dispatch/dispatch-api.js';

const ARABIC_GROUPS = 3;

/**
 * The staff console in real Chromium, under the service's CSP: an editor writes a notice, an Arabic mediator
 * translates and approves it, the editor publishes it and watches it reach the Arabic community groups (the
 * Albanian groups of the same account are not among its languages).
 */
describe('staff console in a browser: write, translate, approve, publish, follow the deliveries', function () {
  this.timeout(120_000);
  const account = buildCommunityAccount({ id: 'sim-console', languages: ['ar', 'sq'], groupsPerLanguage: ARABIC_GROUPS, rateLimit: { minIntervalMs: 0, dailyCap: 10_000 } });
  let ctx: DispatchStack;
  let arabicMediator: SignedInUser;
  let editor: SignedInUser;
  let chrome: ConsoleBrowser;

  before(async () => {
    ctx = await startDispatchStack([account]);
    await registerGroups(ctx, [account]);
    editor = ctx.editor;
    arabicMediator = await signInAs(ctx.stack, 'mediator', { languages: ['ar'] });
    chrome = await openConsoleBrowser(ctx.stack.url);
  });
  after(async () => {
    await chrome?.browser.close();
    await ctx?.stack.stop();
  });
  const page = () => chrome.page;

  it('GET / leads to the console, which asks for a sign-in; a wrong password is refused on the page', async () => {
    await page().goto(ctx.stack.url);
    expect(new URL(page().url()).pathname).to.equal('/console/');
    await page().waitForSelector('#login');
    await page().fill('#login input[name=email]', editor.user.email);
    await page().fill('#login input[name=password]', 'not-the-password');
    await page().click('#login button[type=submit]');
    const error = await page().waitForSelector('#login .error');
    expect(await error.textContent()).to.match(/\S/);
    expect(await page().isVisible('#nav')).to.equal(false);
  });

  it('the editor writes a notice in Italian for the Arabic community; markup in it stays text; publishing before the translation is refused on the page', async () => {
    await chrome.signIn(editor);
    await page().click('#nav-new');
    await page().fill('#new-announcement input[name=title]', 'Rinnovo <b>permessi</b>');
    await page().fill('#new-announcement textarea[name=body]', 'Lo sportello resta aperto sabato mattina per i rinnovi.');
    await page().check('#new-announcement input[name=topics][value=permits]');
    await page().check('#new-announcement input[name=targetLanguages][value=ar]');
    await page().click('#new-announcement button[type=submit]');

    const heading = await page().waitForSelector('#announcement h1');
    expect(await heading.textContent()).to.equal('Rinnovo <b>permessi</b>');
    expect(await page().$('#announcement h1 b')).to.equal(null);
    const announcementId = /#\/announcements\/([0-9a-f]{24})$/.exec(page().url())?.[1] ?? '';
    expect(announcementId).to.match(/^[0-9a-f]{24}$/);
    const stored = await call(ctx.stack, 'GET', `/api/v1/announcements/${announcementId}`, { headers: editor.headers });
    expect(stored.body.translations.it.title).to.equal('Rinnovo <b>permessi</b>');
    expect(Object.keys(stored.body.translations)).to.have.members(['it', 'ar']);

    // Who it will reach: the three Arabic groups once translated; the Albanian groups of the account not at all.
    expect(await page().textContent('#reach tr[data-lang=ar] td[data-field=groups]')).to.equal(String(ARABIC_GROUPS));
    expect(await page().textContent('#reach tr[data-lang=ar] td[data-field=verdict]')).to.equal('dopo l’approvazione della traduzione');
    expect(await page().textContent('#reach tr[data-lang=sq] td[data-field=verdict]')).to.equal('no: lingua non scelta');

    await page().click('#announcement button[name=publish]');
    const refusal = await page().waitForSelector('#announcement .error');
    expect(await refusal.textContent()).to.contain('ar');
    expect((await call(ctx.stack, 'GET', `/api/v1/announcements/${announcementId}`, { headers: editor.headers })).body.status).to.equal('in_translation');

    await page().click('a[href="#/announcements"]');
    const listed = await page().waitForSelector(`#announcements a[href="#/announcements/${announcementId}"]`);
    expect(await listed.textContent()).to.equal('Rinnovo <b>permessi</b>');
    await chrome.signOut();
  });

  it('the Arabic mediator translates right to left, approves and previews the WhatsApp message; the page offers no publishing to a mediator', async () => {
    const announcementId = await createAnnouncement(ctx, { approved: [], pending: ['ar'] });
    await chrome.signIn(arabicMediator);
    // The list narrows to what is theirs to do, and their menu counts it: this notice, and any other test of this
    // file left waiting for Arabic.
    await page().click('#announcements-filter a');
    await page().waitForSelector('main h1:text("Avvisi da tradurre o approvare")');
    await page().waitForSelector(`#announcements a[href="#/announcements/${announcementId}"]`);
    const toDo = (await page().$$('#announcements tbody tr')).length;
    await page().waitForSelector(`#nav-list-todo:text-is("${toDo}")`);
    await chrome.open(`#/announcements/${announcementId}`);
    await page().waitForSelector('section.translation[data-lang=ar] form');
    expect(await page().getAttribute('section.translation[data-lang=ar] textarea', 'dir')).to.equal('rtl');
    expect(await page().$('#announcement button[name=publish]')).to.equal(null);

    await page().fill('section.translation[data-lang=ar] input[name=title]', 'تجديد تصاريح الإقامة');
    await page().fill('section.translation[data-lang=ar] textarea[name=body]', 'يبقى المكتب مفتوحًا صباح السبت للتجديد.');
    await page().click('section.translation[data-lang=ar] button[name=save]');
    await page().waitForSelector('section.translation[data-lang=ar] button[name=approve]');
    await page().click('section.translation[data-lang=ar] button[name=approve]');
    await page().waitForSelector('section.translation[data-lang=ar] .chip.approved');

    const stored = await call(ctx.stack, 'GET', `/api/v1/announcements/${announcementId}`, { headers: editor.headers });
    expect(stored.body.translations.ar).to.include({ status: 'approved', title: 'تجديد تصاريح الإقامة' });
    await chrome.open('#/announcements?todo=true');
    await page().waitForSelector('main h1:text("Avvisi da tradurre o approvare")');
    await page().waitForSelector('#announcements, main p.empty');
    expect(await page().$(`#announcements a[href="#/announcements/${announcementId}"]`)).to.equal(null);
    await page().waitForSelector(toDo === 1 ? '#nav-list-todo[hidden]' : `#nav-list-todo:text-is("${toDo - 1}")`, { state: 'attached' });
    await chrome.open(`#/announcements/${announcementId}`);
    await page().waitForSelector('section.translation[data-lang=ar] .chip.approved');

    // What the Arabic groups will receive on WhatsApp, right to left, with the link to the notice page.
    await page().click('section.translation[data-lang=ar] details.preview summary');
    await page().click('section.translation[data-lang=ar] button[name=preview-whatsapp]');
    const part = await page().waitForSelector('section.translation[data-lang=ar] .preview-part[data-part="1"]');
    const text = (await part.textContent()) ?? '';
    expect(text).to.contain('تجديد تصاريح الإقامة').and.contain('يبقى المكتب مفتوحًا صباح السبت للتجديد.').and.contain(`/n/`);
    expect(await part.getAttribute('dir')).to.equal('auto');
    await chrome.signOut();
  });

  it('the editor publishes; the page follows the deliveries by itself until the three Arabic groups have the notice', async () => {
    const announcementId = await createAnnouncement(ctx, { approved: ['ar'] });
    await chrome.signIn(editor);
    await chrome.open(`#/announcements/${announcementId}`);
    await page().click('#announcement button[name=publish]');
    await page().waitForSelector('#deliveries');

    // The table moves by itself (the live stream), no reload and no button.
    await page().waitForSelector(`#deliveries tr[data-lang=ar] td[data-state=sent]:text-is("${ARABIC_GROUPS}")`);
    const summary = await call(ctx.stack, 'GET', `/api/v1/announcements/${announcementId}/deliveries/summary`, { headers: editor.headers });
    expect(summary.body.byState).to.include({ sent: ARABIC_GROUPS });
    expect(await page().$('#announcement button[name=publish]')).to.equal(null);
  });

  it('the pages of this file, opened once more, and everything before them ran without a CSP violation or a script error', async () => {
    const announcementId = await createAnnouncement(ctx, { approved: ['ar'] });

    await chrome.visit(editor, [
      ['#/announcements', `#announcements a[href="#/announcements/${announcementId}"]`],
      ['#/announcements/new', '#new-announcement'],
      [`#/announcements/${announcementId}`, '#reach tr[data-lang=ar]'],
    ]);

    expect(chrome.violations).to.deep.equal([]);
  });
});
