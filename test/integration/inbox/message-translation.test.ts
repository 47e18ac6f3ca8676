import { expect } from 'chai';
import { call } from '../../support/http.js';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import { machineText, startLibreTranslateDouble, type TranslatorDouble } from '../../support/translators/translator-doubles.js';
import { citizenWrites, conversationWith, startInboxStack, type InboxStack } from './inbox-api.js';

/** The first message of the conversation holding `question`: its conversation's and its own id. */
async function messageOf(ctx: InboxStack, question: string): Promise<{ conversationId: string; messageId: string }> {
  const conversation = await conversationWith(ctx, question);
  const detail = await call(ctx.stack, 'GET', `/api/v1/inbox/conversations/${String(conversation.id)}`, { headers: ctx.admin.headers });
  return { conversationId: String(conversation.id), messageId: String(detail.body.messages[0].id) };
}

/**
 * Citizens' messages reach a machine translator only when the town turns that on separately
 * (TRANSLATE_CITIZEN_MESSAGES): a configured translator alone sends nothing of theirs.
 */
describe('machine translation of citizens\' messages', function () {
  this.timeout(60_000);
  let double: TranslatorDouble;
  before(async () => {
    double = await startLibreTranslateDouble();
  });
  after(() => double?.stop());

  describe('translator configured, the switch on', () => {
    let ctx: InboxStack;
    before(async () => {
      ctx = await startInboxStack({ LIBRETRANSLATE_URL: double.url, TRANSLATE_CITIZEN_MESSAGES: 'true' });
    });
    after(() => ctx?.stack.stop());

    it('a mediator of the language gets an Italian draft of the message; nothing is stored; another language\'s mediator is refused', async () => {
      const question = buildQuestion('مرحبا، كيف أجدد تصريح الإقامة؟ أحتاج موعدا في أقرب وقت.');
      await citizenWrites(ctx, citizenChat(7), question);
      const { conversationId, messageId } = await messageOf(ctx, question);
      const before = double.received.length;

      const translated = await call(ctx.stack, 'POST', `/api/v1/inbox/conversations/${conversationId}/messages/${messageId}/translation`, { headers: ctx.arabicMediator.headers });
      const refused = await call(ctx.stack, 'POST', `/api/v1/inbox/conversations/${conversationId}/messages/${messageId}/translation`, { headers: ctx.chineseMediator.headers });

      expect(translated.status, JSON.stringify(translated.body)).to.equal(200);
      expect(translated.body).to.deep.equal({ messageId, text: machineText(question, 'it'), engine: 'libretranslate', from: 'ar' });
      expect(double.received.slice(before).map((r) => r.body)).to.deep.equal([{ q: [question], source: 'ar', target: 'it', format: 'text' }]);
      expect(refused.status).to.equal(403);
      const detail = await call(ctx.stack, 'GET', `/api/v1/inbox/conversations/${conversationId}`, { headers: ctx.admin.headers });
      expect(JSON.stringify(detail.body)).to.not.contain(machineText(question, 'it'));
    });
  });

  describe('translator configured, the switch off (the default)', () => {
    let ctx: InboxStack;
    before(async () => {
      ctx = await startInboxStack({ LIBRETRANSLATE_URL: double.url });
    });
    after(() => ctx?.stack.stop());

    it('asking for a draft: 503 inbox.translation_off, and the engine receives nothing', async () => {
      const question = buildQuestion('مرحبا، هل المكتب مفتوح يوم السبت؟');
      await citizenWrites(ctx, citizenChat(8), question);
      const { conversationId, messageId } = await messageOf(ctx, question);
      const before = double.received.length;

      const refused = await call(ctx.stack, 'POST', `/api/v1/inbox/conversations/${conversationId}/messages/${messageId}/translation`, { headers: ctx.arabicMediator.headers });

      expect(refused.status).to.equal(503);
      expect(refused.body.type).to.match(/\/problems\/inbox\.translation_off$/);
      expect(double.received.length).to.equal(before);
    });
  });
});
