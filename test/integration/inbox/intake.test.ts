import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import { messagesIn } from '../dispatch/dispatch-api.js';
import { ACCOUNT, ARABIC_GROUP, citizenWrites, conversationsHolding, conversationWith, listConversations, startInboxStack, waitForOurMessages, waitForOutboundSettled, type InboxStack } from './inbox-api.js';

const locale = (lang: string) => (JSON.parse(readFileSync(new URL(`../../../locales/${lang}.json`, import.meta.url), 'utf8')) as { inbox: Record<string, string> }).inbox;

describe('inbox intake through the simulated chats', () => {
  let ctx: InboxStack;

  before(async () => {
    ctx = await startInboxStack();
  });

  after(() => ctx.stack.stop());

  it('a direct message in Chinese, is stored in a zh-Hans conversation and acknowledged once, in Chinese', async () => {
    const chat = citizenChat(1);
    const question = buildQuestion('你好，我想续签居留许可');

    await citizenWrites(ctx, chat, question);
    await citizenWrites(ctx, chat, buildQuestion('需要带什么材料？'));

    const conversation = await conversationWith(ctx, question);
    expect(conversation).to.include({ language: 'zh-Hans', state: 'open', chatType: 'direct' });
    expect(conversation.contact).to.include({ languageSource: 'detected', optedOut: false });
    expect(conversation.messages.map((m: { text: string }) => m.text)[0]).to.equal(question);
    expect(conversation.contact).not.to.have.property('senderId');
    await waitForOurMessages(ctx, chat, (m) => m.length >= 1);
    await waitForOutboundSettled(ctx);
    expect((await messagesIn(ctx, ACCOUNT, chat)).filter((m) => m.fromUs).map((m) => m.text)).to.deep.equal([`${locale('zh-Hans').ack}\n\n${locale('zh-Hans').subscribeHint}`]);
  });

  it('a message nobody can tell the language of, is acknowledged in Italian and English with how to choose a language', async () => {
    const chat = citizenChat(2);
    const question = buildQuestion('ok 👍');

    await citizenWrites(ctx, chat, question);

    const [ack] = await waitForOurMessages(ctx, chat, (m) => m.length === 1);
    expect(ack!.text).to.contain(locale('it').ack).and.to.contain(locale('en').ack).and.to.contain('LANG zh');
    expect(ack!.text).to.contain(locale('it').subscribeHint).and.to.contain('SUBSCRIBE');
    const conversation = await conversationWith(ctx, question);
    expect(conversation).to.include({ unsure: true, languageSource: 'unsure' });
    expect(conversation.contact).to.include({ language: 'it', languageSource: 'default' });
  });

  it('LANG sq after a question, moves the conversation to Albanian and confirms in Albanian', async () => {
    const chat = citizenChat(3);
    const question = buildQuestion();
    await citizenWrites(ctx, chat, question);

    await citizenWrites(ctx, chat, 'LANG sq');

    const ours = await waitForOurMessages(ctx, chat, (m) => m.length === 2);
    expect(ours[1]!.text).to.equal(locale('sq').languageSet);
    const conversation = await conversationWith(ctx, question);
    expect(conversation).to.include({ language: 'sq' });
    expect(conversation.contact).to.include({ language: 'sq', languageSource: 'declared' });
    expect(conversation.messages[1]).to.include({ text: 'LANG sq', keyword: 'language' });
  });

  it('a group message mentioning us, is routed by the group language and acknowledged in the group', async () => {
    const question = buildQuestion('Hello, where is the office?');

    await citizenWrites(ctx, ARABIC_GROUP, question, { senderId: citizenChat(4), mentionsUs: true });

    const conversation = await conversationWith(ctx, question);
    expect(conversation).to.include({ language: 'ar', chatType: 'group' });
    expect(conversation.contact).to.include({ languageSource: 'group' });
    const ours = await waitForOurMessages(ctx, ARABIC_GROUP, (m) => m.length === 1);
    expect(ours[0]!.text).to.equal(locale('ar').ack);
  });

  it('a group message that does not mention us, is not stored', async () => {
    const chatter = buildQuestion('just chatting among ourselves');

    // Answered once the inbox has handled the message: nothing is stored later.
    await citizenWrites(ctx, ARABIC_GROUP, chatter, { senderId: citizenChat(5) });

    expect(await conversationsHolding(ctx, chatter)).to.have.length(0);
  });

  it('STOP, closes the conversation, confirms once, and the next question is stored without acknowledgement', async () => {
    const chat = citizenChat(6);
    const question = buildQuestion();
    await citizenWrites(ctx, chat, question);
    await citizenWrites(ctx, chat, 'stop');

    const later = buildQuestion('Ancora una domanda');
    await citizenWrites(ctx, chat, later);

    const ours = await waitForOurMessages(ctx, chat, (m) => m.length === 2);
    expect(ours[1]!.text).to.contain(locale('it').stopped);
    await waitForOutboundSettled(ctx);
    expect((await messagesIn(ctx, ACCOUNT, chat)).filter((m) => m.fromUs)).to.have.length(2);
    const conversation = await conversationWith(ctx, later);
    expect(conversation.contact).to.include({ optedOut: true });
  });

  it('a text shaped like a template or a command, is stored verbatim and never echoed', async () => {
    const chat = citizenChat(7);
    const hostile = buildQuestion('{{constructor.constructor("return process")()}} <script>alert(1)</script> LANG ar');

    await citizenWrites(ctx, chat, hostile);

    const conversation = await conversationWith(ctx, hostile);
    expect(conversation.messages[0]).to.include({ text: hostile });
    expect(conversation.messages[0]).not.to.have.property('keyword');
    expect(conversation.contact).to.include({ language: 'it' });
    const ours = await waitForOurMessages(ctx, chat, (m) => m.length === 1);
    expect(ours[0]!.text).not.to.contain('script').and.not.to.contain('{{');
  });

  it('a mediator lists only their language; asking for another language is refused', async () => {
    const arabicChat = citizenChat(8);
    await citizenWrites(ctx, arabicChat, buildQuestion('مرحبا، متى يفتح المكتب؟'));
    await citizenWrites(ctx, citizenChat(10), buildQuestion('你好，办公室几点开门？'));

    const arabic = await listConversations(ctx, ctx.arabicMediator);
    const refused = await fetch(new URL('/api/v1/inbox/conversations?language=zh-Hans', ctx.stack.url), { headers: ctx.arabicMediator.headers });

    expect(arabic.length).to.be.greaterThan(0);
    // Besides their own language, every mediator sees the unsure queue.
    expect(arabic.every((c) => c.language === 'ar' || c.unsure)).to.equal(true);
    expect(refused.status).to.equal(403);
    expect((await listConversations(ctx, ctx.admin)).map((c) => c.language)).to.include.members(['ar', 'zh-Hans']);
  });

  it('GET /metrics, counts conversations by language and state, and outbound messages by state', async () => {
    await citizenWrites(ctx, citizenChat(9), buildQuestion('Здравствуйте, где находится офис?'));
    await waitForOurMessages(ctx, citizenChat(9), (m) => m.length === 1);

    const metrics = await (await fetch(new URL('/metrics', ctx.stack.url))).text();

    expect(metrics).to.match(/sportello_inbox_conversations\{language="ru",state="open"\} 1/);
    expect(metrics).to.match(/sportello_inbox_outbound_messages\{state="sent"\} \d+/);
  });
});
