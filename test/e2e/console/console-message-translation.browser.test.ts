import { expect } from 'chai';
import { call } from '../../support/http.js';
import { openConsoleBrowser, type ConsoleBrowser } from '../../support/console-browser.js';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import { machineText, startLibreTranslateDouble, type TranslatorDouble } from '../../support/translators/translator-doubles.js';
import { citizenWrites, conversationWith, startInboxStack, type InboxStack } from '../../integration/inbox/inbox-api.js';

/**
 * Where the town turned on machine translation of citizens' messages (TRANSLATE_CITIZEN_MESSAGES, with its own
 * LibreTranslate: a loopback double), the Arabic mediator asks for an Italian draft of a question in the
 * conversation, in real Chromium; the draft is marked machine-made and not stored.
 */
describe('staff console in a browser: an Italian draft of a citizen\'s message', function () {
  this.timeout(120_000);
  let double: TranslatorDouble;
  let ctx: InboxStack;
  let chrome: ConsoleBrowser;
  const question = buildQuestion('مرحبا، أين أجد الظرف الأصفر لتجديد تصريح الإقامة؟');
  let conversationId: string;

  before(async () => {
    double = await startLibreTranslateDouble();
    ctx = await startInboxStack({ LIBRETRANSLATE_URL: double.url, TRANSLATE_CITIZEN_MESSAGES: 'true' });
    await citizenWrites(ctx, citizenChat(9), question);
    conversationId = String((await conversationWith(ctx, question)).id);
    chrome = await openConsoleBrowser(ctx.stack.url);
    await chrome.signIn(ctx.arabicMediator);
  });
  after(async () => {
    await chrome?.browser.close();
    await ctx?.stack.stop();
    await double?.stop();
  });

  it('the mediator asks for the draft: it appears under the message, marked machine-made; the conversation stores nothing of it', async () => {
    const page = chrome.page;
    await chrome.open(`#/inbox/${conversationId}`);
    await page.click('#timeline li[data-from=citizen] button[name=translate-message]');
    const draft = await page.waitForSelector('#timeline li[data-from=citizen] .machine-translation');

    expect(await draft.textContent()).to.contain('bozza automatica (libretranslate), non salvata').and.contain(machineText(question, 'it'));
    expect(await page.getAttribute('#timeline .machine-translation p', 'lang')).to.equal('it');
    const stored = await call(ctx.stack, 'GET', `/api/v1/inbox/conversations/${conversationId}`, { headers: ctx.admin.headers });
    expect(stored.body.machineTranslation).to.equal(true);
    expect(JSON.stringify(stored.body)).to.not.contain(machineText(question, 'it'));
    expect(chrome.violations).to.deep.equal([]);
  });
});
