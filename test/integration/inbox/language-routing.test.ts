import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import { signInAs, type SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { SmtpSink } from '../../support/smtp-sink.js';
import { citizenWrites, conversationWith, listConversations, startInboxStack, waitForOurMessages, type InboxStack } from './inbox-api.js';

const locale = (lang: string) => (JSON.parse(readFileSync(new URL(`../../../locales/${lang}.json`, import.meta.url), 'utf8')) as { inbox: Record<string, string> }).inbox;

describe('language routing through the simulated chats', () => {
  let ctx: InboxStack;
  let ukrainianMediator: SignedInUser;

  before(async () => {
    ctx = await startInboxStack({}, { account: { citizens: 30 } });
    ukrainianMediator = await signInAs(ctx.stack, 'mediator', { languages: ['uk'] });
  });

  after(() => ctx.stack.stop());

  const questions: Array<[string, string, number]> = [
    ['ro', 'Bună ziua, când expiră permisul de ședere? am nevoie de programare', 21],
    ['sq', 'pershendetje kur me skadon leja e qendrimit a mund te vij neser', 22],
    ['uk', 'доброго дня коли закінчується мій дозвіл на проживання', 23],
    ['zh-Hant', '你好 我的居留許可什麼時候到期 需要帶什麼資料', 24],
  ];
  for (const [language, text, n] of questions) {
    it(`a ${language} question, lands in the ${language} queue and is acknowledged in ${language}`, async () => {
      const chat = citizenChat(n);
      const question = buildQuestion(text);

      await citizenWrites(ctx, chat, question);

      const [ack] = await waitForOurMessages(ctx, chat, (m) => m.length === 1);
      expect(ack!.text).to.contain(locale(language).ack).and.not.to.contain(locale('en').ack);
      const conversation = await conversationWith(ctx, question);
      expect(conversation).to.include({ language, unsure: false, languageSource: 'detected' });
      expect(conversation.languageConfidence).to.be.at.least(0.2);
      expect(conversation.messages[0].language).to.include({ chosen: language, detected: language, source: 'detected' });
      expect(conversation.contact).to.include({ language, languageSource: 'detected' });
      const queue = await listConversations(ctx, ctx.admin, `&language=${language}`);
      expect(queue.map((c) => c.id)).to.include(conversation.id);
    });
  }

  it('a question nobody can tell the language of, waits in the unsure queue every mediator sees, with its candidates', async () => {
    const chat = citizenChat(25);
    const question = buildQuestion('можно прийти завтра в 10');

    await citizenWrites(ctx, chat, question);

    const [ack] = await waitForOurMessages(ctx, chat, (m) => m.length === 1);
    expect(ack!.text).to.contain(locale('it').ack).and.to.contain(locale('en').ack);
    const conversation = await conversationWith(ctx, question);
    expect(conversation).to.include({ unsure: true, languageSource: 'unsure' });
    expect(conversation.languageCandidates.map((c: { language: string }) => c.language)).to.include.members(['uk', 'ru']);
    for (const mediator of [ctx.arabicMediator, ctx.chineseMediator, ukrainianMediator]) {
      const unsure = await listConversations(ctx, mediator, '&language=unsure');
      expect(unsure.map((c) => c.id)).to.include(conversation.id);
      expect(unsure.every((c) => c.unsure)).to.equal(true);
    }
    const russianQueue = await listConversations(ctx, ctx.admin, '&language=ru');
    expect(russianQueue.map((c) => c.id)).not.to.include(conversation.id);
  });

  it("a mediator's correction, re-routes the unsure conversation, sticks to the contact and is counted", async () => {
    const chat = citizenChat(26);
    const question = buildQuestion('ok 👍');
    await citizenWrites(ctx, chat, question);
    const { id } = await conversationWith(ctx, question);

    const routed = await call(ctx.stack, 'POST', `/api/v1/inbox/conversations/${id}/language`, { headers: ctx.arabicMediator.headers, body: { language: 'uk' } });
    const next = buildQuestion('здравствуйте объясните пожалуйста где находится офис');
    await citizenWrites(ctx, chat, next);

    expect(routed.status, JSON.stringify(routed.body)).to.equal(200);
    expect(routed.body).to.include({ language: 'uk', unsure: false, languageSource: 'corrected' });
    const conversation = await conversationWith(ctx, next);
    expect(conversation).to.include({ id, language: 'uk', unsure: false, languageSource: 'corrected' });
    expect(conversation.contact).to.include({ language: 'uk', languageSource: 'corrected' });
    expect(conversation.messages[1].language).to.include({ chosen: 'uk', detected: 'ru', source: 'corrected' });
    expect((await listConversations(ctx, ukrainianMediator, '&language=uk')).map((c) => c.id)).to.include(id);
    const stats = await call(ctx.stack, 'GET', '/api/v1/inbox/stats', { headers: ctx.admin.headers });
    const row = (language: string) => (stats.body.languages as Array<{ language: string; corrections: { from: number; to: number } }>).find((r) => r.language === language);
    expect(row('uk')?.corrections.to).to.be.at.least(1);
    expect(row('unsure')?.corrections.from).to.be.at.least(1);
    expect(stats.body.overall.corrections).to.be.at.least(1);
    const metrics = await (await fetch(new URL('/metrics', ctx.stack.url))).text();
    expect(metrics).to.match(/sportello_inbox_language_corrections_total\{from="unsure",to="uk"\} [1-9]/);
  });

  it('a short message after a confident question, keeps the conversation in its language', async () => {
    const chat = citizenChat(27);
    const question = buildQuestion('pershendetje kur me skadon leja e qendrimit');
    await citizenWrites(ctx, chat, question);

    await citizenWrites(ctx, chat, 'grazie 👍');

    const conversation = await conversationWith(ctx, question);
    expect(conversation.messages).to.have.length(2);
    expect(conversation).to.include({ language: 'sq', unsure: false, languageSource: 'contact' });
    expect(conversation.messages[1].language).to.include({ chosen: 'sq', source: 'contact' });
  });

  it('GET ?language=xx with an unknown code, is a 400 problem naming the field', async () => {
    const response = await call(ctx.stack, 'GET', '/api/v1/inbox/conversations?language=klingon', { headers: ctx.admin.headers });

    expect(response.status).to.equal(400);
    expect(JSON.stringify(response.body)).to.contain('language');
  });
});

describe('the unsure queue in the e-mails about citizens waiting', () => {
  let sink: SmtpSink;
  let ctx: InboxStack;

  before(async () => {
    sink = await SmtpSink.start();
    ctx = await startInboxStack({ SMTP_URL: sink.url, MAIL_FROM: 'Sportello <sportello@comune.test>', INBOX_ALERT_AFTER_HOURS: String(1 / 3600), INBOX_ALERT_CHECK_SECONDS: '1' });
  });
  after(async () => {
    await ctx.stack.stop();
    await sink.stop();
  });

  it('a citizen waiting in the unsure queue, is told to every mediator, whatever their languages', async () => {
    await citizenWrites(ctx, citizenChat(1), buildQuestion('ok 👍'));

    const [arabic] = await sink.waitFor(ctx.arabicMediator.user.email, 1);
    const [chinese] = await sink.waitFor(ctx.chineseMediator.user.email, 1);

    expect(arabic!.text).to.contain('- lingua da stabilire: 1 conversazione');
    expect(chinese!.text).to.contain('- lingua da stabilire: 1 conversazione');
  });
});
