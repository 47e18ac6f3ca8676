import { expect } from 'chai';
import { call } from '../../support/http.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../../support/console-browser.js';
import { machineText, startLibreTranslateDouble, type TranslatorDouble } from '../../support/translators/translator-doubles.js';
import { approvedNotice, startHelpStack, writeNotice, type HelpStack } from '../../integration/translation-help/translation-help-api.js';

/**
 * The translation form with suggestions, in real Chromium: a Chinese mediator opens a notice that repeats a
 * sentence of an approved one and finds it pre-filled from the memory (score, source notice); asks the town's
 * LibreTranslate (a loopback double) for a draft of the rest, marked machine-made; is warned of a glossary term
 * the text lacks; cannot approve until each machine sentence is changed or confirmed; then approves.
 */
describe('staff console in a browser: translation help', function () {
  this.timeout(120_000);
  let double: TranslatorDouble;
  let ctx: HelpStack;
  let chrome: ConsoleBrowser;
  let earlierId: string;
  let noticeId: string;
  const earlierTitle = 'Rinnovo del permesso, istruzioni';
  const remembered = '请在移民服务窗口预约。';
  /** A notice with a sentence the memory knows (the second) and one it does not, which names the glossary's term. */
  const fingerprints = { title: 'Impronte digitali', body: 'La Questura ti chiamerà per le impronte. Prenota un appuntamento allo Sportello Immigrazione.' };

  before(async () => {
    double = await startLibreTranslateDouble();
    ctx = await startHelpStack({ LIBRETRANSLATE_URL: double.url });
    earlierId = await approvedNotice(ctx, { title: earlierTitle, body: 'Il permesso va rinnovato 60 giorni prima. Prenota un appuntamento allo Sportello Immigrazione.' }, { title: '居留许可续签说明', body: `居留许可须提前60天续签。${remembered}` });
    const added = await call(ctx.stack, 'POST', '/api/v1/glossary', { headers: ctx.mediator.headers, body: { lang: 'zh-Hans', term: 'questura', rendering: '警察局' } });
    expect(added.status).to.equal(201);
    noticeId = await writeNotice(ctx, fingerprints);
    chrome = await openConsoleBrowser(ctx.stack.url);
    await chrome.signIn(ctx.mediator);
  });
  after(async () => {
    await chrome?.browser.close();
    await ctx?.stack.stop();
    await double?.stop();
  });
  const page = () => chrome.page;
  const segment = (key: string) => `#help-form-zh-Hans li.segment[data-key="${key}"]`;
  /** A notice of the test's own like the one above, opened in the form, its machine draft asked for; its id. */
  const openWithMachineDraft = async (): Promise<string> => {
    const id = await writeNotice(ctx, fingerprints);
    // Signed in afresh, so that the form waited for below is this notice's, not the one an earlier test left open.
    await chrome.signIn(ctx.mediator);
    await chrome.open(`#/announcements/${id}`);
    await page().waitForSelector('#help-form-zh-Hans');
    await page().click('#help-form-zh-Hans button[name=machine-draft]');
    await page().waitForSelector(`${segment('b0.0')} .origin[data-origin=machine]`);
    return id;
  };

  it('the repeated sentence is pre-filled from the memory, with its score and the notice it comes from; the others are empty', async () => {
    await chrome.open(`#/announcements/${noticeId}`);
    await page().waitForSelector('#help-form-zh-Hans');

    expect(await page().inputValue(`${segment('b0.1')} textarea`)).to.equal(remembered);
    const origin = await page().textContent(`${segment('b0.1')} .origin[data-origin=memory]`);
    expect(origin).to.contain('dalla memoria · 100%').and.contain(earlierTitle);
    expect(await page().getAttribute(`${segment('b0.1')} li[data-suggestion=memory]`, 'data-announcement')).to.equal(earlierId);
    expect(await page().inputValue(`${segment('t')} textarea`)).to.equal('');
    expect(await page().inputValue(`${segment('b0.0')} textarea`)).to.equal('');
    expect(await page().getAttribute(`${segment('b0.0')} textarea`, 'lang')).to.equal('zh-Hans');
  });

  it('a machine draft fills the empty sentences, marked machine-made with a box to confirm; the memory\'s sentence stays', async () => {
    await openWithMachineDraft();

    expect(await page().inputValue(`${segment('t')} textarea`)).to.equal(machineText('Impronte digitali', 'zh-Hans'));
    expect(await page().inputValue(`${segment('b0.0')} textarea`)).to.equal(machineText('La Questura ti chiamerà per le impronte.', 'zh-Hans'));
    expect(await page().inputValue(`${segment('b0.1')} textarea`)).to.equal(remembered);
    expect(await page().textContent(`${segment('b0.0')} .origin`)).to.contain('bozza automatica (libretranslate)');
    expect(await page().isChecked(`${segment('b0.0')} input[type=checkbox]`)).to.equal(false);
  });

  it('the glossary term the text lacks is named; saved untouched, approving is refused naming the unreviewed sentences', async () => {
    const id = await openWithMachineDraft();
    expect(await page().textContent('#glossary-warnings-zh-Hans')).to.contain('警察局').and.contain('questura');

    await page().click('#help-form-zh-Hans button[name=save-segments]');
    await page().waitForSelector('section.translation[data-lang="zh-Hans"] h3 .chip.draft');
    await page().click('section.translation[data-lang="zh-Hans"] button[name=approve]');
    const problem = await (await page().waitForSelector('section.translation[data-lang="zh-Hans"] form.stack > .error')).textContent();

    expect(problem).to.contain('segments.t').and.contain('segments.b0.0');
    const stored = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}`, { headers: ctx.editor.headers });
    expect(stored.body.translations['zh-Hans'].status).to.equal('draft');
  });

  it('the title rewritten with the glossary\'s term, the other machine sentence confirmed: saved and approved', async () => {
    const id = await openWithMachineDraft();
    await page().fill(`${segment('t')} textarea`, '警察局按指纹通知');
    await page().check(`${segment('b0.0')} input[type=checkbox]`);
    // The server checks the text a moment after typing stops.
    await page().waitForSelector('#glossary-warnings-zh-Hans', { state: 'detached' });
    expect(await page().$('#glossary-warnings-zh-Hans')).to.equal(null);

    await page().click('#help-form-zh-Hans button[name=save-segments]');
    // The card shows the saved text once the notice is read again.
    await page().waitForFunction(() => {
      const { document } = globalThis as unknown as { document: { querySelector(selector: string): { value?: string } | null } };
      return document.querySelector('section.translation[data-lang="zh-Hans"] input[name=title]')?.value === '警察局按指纹通知';
    });
    await page().click('section.translation[data-lang="zh-Hans"] button[name=approve]');
    await page().waitForSelector('section.translation[data-lang="zh-Hans"] h3 .chip.approved');

    const stored = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}`, { headers: ctx.editor.headers });
    const zh = stored.body.translations['zh-Hans'];
    expect(zh.status).to.equal('approved');
    expect(zh.segments.map((s: { key: string; origin: string; confirmed: boolean }) => [s.key, s.origin, s.confirmed])).to.deep.equal([
      ['t', 'typed', false],
      ['b0.0', 'machine', true],
      ['b0.1', 'memory', false],
    ]);
    expect(chrome.violations).to.deep.equal([]);
  });

  it('the glossary page shows the term and, per language, where the approved translations came from', async () => {
    // A Chinese text approved with a sentence from the memory and a confirmed machine sentence.
    const id = await writeNotice(ctx, fingerprints);
    const drafted = await call(ctx.stack, 'POST', `/api/v1/announcements/${id}/translations/zh-Hans/machine-draft`, { headers: ctx.mediator.headers });
    expect(drafted.status, JSON.stringify(drafted.body)).to.equal(200);
    const [, machine] = (drafted.body.segments as Array<{ machine: { text: string } }>).map((s) => s.machine.text);
    const segments = [{ key: 't', text: '指纹' }, { key: 'b0.0', text: machine, confirmed: true }, { key: 'b0.1', text: remembered }];
    const saved = await call(ctx.stack, 'PUT', `/api/v1/announcements/${id}/translations/zh-Hans/segments`, { headers: ctx.mediator.headers, body: { segments } });
    expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
    const approved = await call(ctx.stack, 'POST', `/api/v1/announcements/${id}/translations/zh-Hans/approve`, { headers: ctx.mediator.headers, body: {} });
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);

    await chrome.open('#/glossary');
    await page().waitForSelector('#help-stats tr[data-lang="zh-Hans"]');

    expect(await page().textContent('#glossary section[data-lang="zh-Hans"] td[data-field=rendering]')).to.equal('警察局');
    const stats = await call(ctx.stack, 'GET', '/api/v1/translation-help/stats', { headers: ctx.editor.headers });
    const zh = stats.body.items.find((row: { lang: string }) => row.lang === 'zh-Hans');
    expect(await page().textContent('#help-stats tr[data-lang="zh-Hans"] td[data-share=memory]')).to.equal(`${Math.round(zh.shares.memory * 100)}%`);
    expect(zh.shares.memory).to.be.greaterThan(0);
    expect(zh.shares.machine).to.be.greaterThan(0);
  });
});
