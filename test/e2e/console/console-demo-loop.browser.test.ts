import { expect } from 'chai';
import { saveScreenshot, startDemoConsole, type ConsoleTab, type DemoConsole } from './demo-console.js';

const CHINESE_GROUP = 'room-zh-prato';
const ARABIC_GROUP = '120363000000000001@g.us';
const AHMED = '393330000001@c.us';

/**
 * What a newcomer does after `npm run demo`, only in the browser (no API call but the page's own): one tab on the
 * simulator page, as the citizens' phones; another as the desk. A notice published in the desk's tab arrives in
 * the Chinese and Arabic groups on the phones; a citizen's question written on a phone appears in the desk's
 * queue, the answer arrives back on the phone; a new citizen writes for the first time. Nothing is reloaded.
 */
describe('demo in a browser: the whole loop, from the simulator page', function () {
  this.timeout(240_000);
  let demo: DemoConsole;
  let desk: ConsoleTab;
  let phones: ConsoleTab;

  before(async () => {
    demo = await startDemoConsole();
  });
  beforeEach(async () => {
    desk = await demo.openTab();
    phones = await demo.openTab({ height: 1400 });
  });
  afterEach(async () => {
    await desk?.context.close();
    await phones?.context.close();
  });
  after(async () => demo?.stop());

  const phone = (chatId: string) => `section.phone[data-chat="${chatId}"]`;

  it('publish a notice → it arrives in the Chinese and Arabic groups; a question → the queue → the answer arrives in the chat', async () => {
    await phones.signIn(demo.admin);
    await phones.menu('nav-simulator');
    await phones.page.waitForSelector(`${phone(CHINESE_GROUP)} .thread`);
    await phones.page.waitForSelector(`${phone(ARABIC_GROUP)} .thread`);
    // Each simulated account is named for the platform it behaves as, as the phones would show it.
    expect(await phones.page.textContent('#account-sim-wechat')).to.equal('Account sim-wechat · WeChat');
    expect(await phones.page.textContent('#account-sim-whatsapp')).to.equal('Account sim-whatsapp · WhatsApp');

    // The desk writes a notice for the Chinese and Arabic communities, translates, approves and publishes it.
    await desk.signIn(demo.admin);
    await desk.menu('nav-new');
    await desk.page.fill('#new-announcement input[name=title]', 'Sportello aperto sabato');
    await desk.page.fill('#new-announcement textarea[name=body]', 'Sabato mattina lo sportello è aperto per i rinnovi.');
    await desk.page.check('#new-announcement input[name=topics][value=permits]');
    await desk.page.check('#new-announcement input[name=targetLanguages][value=zh-Hans]');
    await desk.page.check('#new-announcement input[name=targetLanguages][value=ar]');
    // While writing, before anything is saved, the reach table already names the groups.
    await desk.page.waitForSelector('#reach tr[data-lang=ar] td[data-field=verdict]:has-text("dopo l’approvazione")');
    await desk.page.click('#new-announcement button[type=submit]');
    await desk.page.waitForSelector('#announcement h1:text("Sportello aperto sabato")');
    const texts = { 'zh-Hans': ['周六窗口开放', '周六上午窗口开放办理续签。'], ar: ['المكتب مفتوح يوم السبت', 'المكتب مفتوح صباح السبت للتجديد.'] };
    for (const [lang, [title, body]] of Object.entries(texts)) {
      const card = `section.translation[data-lang="${lang}"]`;
      await desk.page.fill(`${card} input[name=title]`, title!);
      await desk.page.fill(`${card} textarea[name=body]`, body!);
      await desk.page.click(`${card} button[name=save]`);
      await desk.page.waitForSelector(`${card} button[name=approve]`);
      await desk.page.click(`${card} button[name=approve]`);
      await desk.page.waitForSelector(`${card} .chip.approved`);
    }
    await desk.page.click('#announcement button[name=publish]');
    await desk.page.waitForSelector('#deliveries');

    // The phones, open all along, show the notice in both groups.
    await phones.page.waitForSelector(`${phone(CHINESE_GROUP)} .bubble.us:has-text("周六窗口开放")`);
    await phones.page.waitForSelector(`${phone(ARABIC_GROUP)} .bubble.us:has-text("المكتب مفتوح يوم السبت")`);
    // The desk's delivery table moved by itself too.
    await desk.page.waitForSelector('#deliveries tr[data-lang=ar] td[data-state=sent]:text("1")');
    await saveScreenshot(desk.page, 'notice-sent');

    // Ahmed asks a question from his phone; the desk's queue shows it with his name and its start.
    await desk.menu('nav-inbox');
    const question = 'مرحبا، هل يمكنني تجديد تصريح الإقامة يوم السبت؟';
    await phones.page.fill(`${phone(AHMED)} textarea[name=text]`, question);
    await phones.page.click(`${phone(AHMED)} button[name=send-as-citizen]`);
    const row = await desk.page.waitForSelector(`#conversations tr:has(td[data-field=last-message]:has-text("${question.slice(0, 20)}"))`);
    expect(await row.$eval('td[data-field=who] a', (a) => a.textContent)).to.equal('Ahmed');
    await saveScreenshot(desk.page, 'inbox');

    await row.$eval('td[data-field=who] a', (a) => (a as unknown as { click(): void }).click());
    await desk.page.waitForSelector('#timeline li[data-from=citizen]');
    const answer = 'نعم، المكتب مفتوح من التاسعة حتى الثانية عشرة.';
    await desk.page.fill('#reply textarea', answer);
    await desk.page.click('#reply button[type=submit]');
    await desk.page.waitForSelector('#timeline li[data-from=us][data-state=sent]:has-text("المكتب مفتوح من التاسعة")');
    await saveScreenshot(desk.page, 'conversation');

    await phones.page.waitForSelector(`${phone(AHMED)} .bubble.us:has-text("${answer}")`);
    await saveScreenshot(phones.page, 'simulator');
  });

  it('a new citizen writes for the first time in a new direct chat, and appears in the desk’s queue', async () => {
    await phones.signIn(demo.admin);
    await phones.menu('nav-simulator');
    await desk.signIn(demo.admin);
    await desk.menu('nav-inbox');

    await phones.page.selectOption('#new-citizen select[name=account]', 'sim-whatsapp');
    await phones.page.fill('#new-citizen input[name=name]', 'Fatima Zahra');
    await phones.page.fill('#new-citizen textarea[name=text]', 'السلام عليكم، أين أجد استمارة لم شمل الأسرة؟');
    await phones.page.click('#new-citizen button[name=new-citizen]');

    await phones.page.waitForSelector('section.phone:has(h2:text("Fatima Zahra")) .bubble.citizen:has-text("لم شمل الأسرة")');
    await desk.page.waitForSelector('#conversations td[data-field=who] a:text("Fatima Zahra")');
    expect(desk.violations.concat(phones.violations)).to.deep.equal([]);
  });
});
