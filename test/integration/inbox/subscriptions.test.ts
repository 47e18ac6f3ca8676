import { expect } from 'chai';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import { signInAs } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { approveTranslation, messagesIn, publishAnnouncement, romeTime, settled, summaryOf, waitForSummary, type DispatchStack } from '../dispatch/dispatch-api.js';
import { ACCOUNT, ARABIC_GROUP, citizenWrites, conversationWith, listConversations, startInboxStack, waitForOurMessages, type InboxStack } from './inbox-api.js';

const ARABIC_SUBSCRIBED = 'من الآن ستصلك في هذه المحادثة إعلانات مكتب الهجرة التابع للبلدية بلغتك. اكتب إلغاء الاشتراك أو UNSUBSCRIBE لإيقافها.';
const CHINESE_SUBSCRIBED = '从现在起，您将在此聊天中以您的语言收到市政府移民服务处的通知。如需停止接收，请发送“退订”。';
/** A subscription to every topic is confirmed, then followed by the numbered topics to choose from. */
const confirms = (text: string, subscribed: string): boolean => text.startsWith(`${subscribed}\n\n`) && /^9 /m.test(text);
/** The last line of every notice sent into a subscribed citizen's chat (`announcements.subscriberFooter`). */
const ARABIC_FOOTER = '— تصلك هذه الإعلانات لأنك طلبتها في هذه المحادثة. اكتب إلغاء الاشتراك أو UNSUBSCRIBE لإيقافها.';
const CHINESE_FOOTER = '— 您收到此通知是因为您在此聊天中订阅了通知。如需停止接收，请发送“退订”。';
const CHINESE_UNSUBSCRIBED = '您将不再在此聊天中收到通知。如需重新接收，请发送“订阅”。';

interface Delivery {
  target: string;
  kind: string;
  language: string;
  state: string;
  chatId?: string;
  messageIds?: string[];
}

/**
 * Citizens who are in no community group ask for the notices in their own chat (ISCRIVIMI / SUBSCRIBE / 订阅 /
 * اشترك): every announcement then reaches that chat in their language, like a group of that language, until
 * they write UNSUBSCRIBE or STOP. Through the simulator's chats and the public API, on the real stack.
 */
describe('citizens subscribe to the notices in their own chat', () => {
  let ctx: InboxStack;
  let dispatch: DispatchStack;
  const arabicCitizen = citizenChat(3);
  const chineseCitizen = citizenChat(4);
  const italianCitizen = citizenChat(5);

  before(async () => {
    // At any hour: the quiet hours of citizens' chats have their own test below, and this one may run at night.
    ctx = await startInboxStack({ CITIZEN_QUIET_HOURS: 'off' });
    dispatch = { stack: ctx.stack, admin: ctx.admin, editor: await signInAs(ctx.stack, 'editor'), mediator: await signInAs(ctx.stack, 'mediator', { languages: ['ar', 'zh-Hans', 'en'] }) };
  });
  after(() => ctx.stack.stop());

  const counted = (byState: Record<string, number>) => Object.fromEntries(Object.entries(byState).filter(([, n]) => n > 0));
  const ours = async (chatId: string): Promise<string[]> => (await messagesIn(ctx, ACCOUNT, chatId)).filter((m) => m.fromUs).map((m) => m.text);
  const deliveriesOf = async (id: string): Promise<Delivery[]> => {
    const response = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}/deliveries?limit=100`, { headers: dispatch.editor.headers });
    expect(response.status).to.equal(200);
    return response.body.items as Delivery[];
  };

  it('ISCRIVIMI in the citizen’s language is confirmed in that language, and asks no mediator for an answer', async () => {
    await citizenWrites(ctx, chineseCitizen, 'LANG zh');
    await citizenWrites(ctx, chineseCitizen, '订阅');
    await citizenWrites(ctx, arabicCitizen, 'LANG ar');
    await citizenWrites(ctx, arabicCitizen, 'اشترك');

    await waitForOurMessages(ctx, chineseCitizen, (sent) => sent.some((m) => confirms(m.text, CHINESE_SUBSCRIBED)));
    await waitForOurMessages(ctx, arabicCitizen, (sent) => sent.some((m) => confirms(m.text, ARABIC_SUBSCRIBED)));
    const waiting = await listConversations(ctx, ctx.admin, '&waiting=true');
    expect(waiting, 'keywords are not questions').to.have.length(0);
    const metrics = await (await fetch(`${ctx.stack.url}/metrics`)).text();
    expect(metrics).to.match(/^sportello_inbox_subscribers\{language="ar"\} 1$/m);
    expect(metrics).to.match(/^sportello_inbox_subscribers\{language="zh-Hans"\} 1$/m);
  });

  it('an announcement reaches each subscriber’s chat in their language, next to the groups, and staff see no citizen’s chat id', async () => {
    await citizenWrites(ctx, italianCitizen, 'ISCRIVIMI');
    await waitForOurMessages(ctx, italianCitizen, (sent) => sent.length === 1);

    const id = await publishAnnouncement(dispatch, { approved: ['ar', 'zh-Hans'] });

    const summary = await waitForSummary(dispatch, id, settled);
    expect(counted(summary.byState)).to.deep.equal({ sent: 4 });
    expect((await ours(arabicCitizen)).at(-1)).to.contain('تجديد تصريح الإقامة');
    expect((await ours(chineseCitizen)).at(-1)).to.contain('居留许可续签');
    expect((await ours(italianCitizen)).at(-1), 'Italian is the source language: always sendable').to.contain('Rinnovo del permesso di soggiorno');
    expect((await ours(ARABIC_GROUP)).at(-1)).to.contain('تجديد تصريح الإقامة');
    expect((await ours(arabicCitizen)).at(-1)!.endsWith(`\n\n${ARABIC_FOOTER}`), 'a citizen is told why, and how to stop').to.equal(true);
    expect((await ours(italianCitizen)).at(-1)).to.match(/DISISCRIVIMI per non riceverne più\.$/);
    expect((await ours(ARABIC_GROUP)).at(-1), 'a group is not').not.to.contain('UNSUBSCRIBE');
    const deliveries = await deliveriesOf(id);
    const citizens = deliveries.filter((d) => d.kind === 'citizen');
    expect(citizens.map((d) => d.language).sort()).to.deep.equal(['ar', 'it', 'zh-Hans']);
    expect(citizens.every((d) => d.target.startsWith('citizen:') && d.chatId === undefined && d.messageIds === undefined)).to.equal(true);
    expect(JSON.stringify(deliveries)).to.not.contain('39333');
    expect(deliveries.find((d) => d.kind === 'group')).to.include({ chatId: ARABIC_GROUP });
  });

  it('a language nobody chose gets nothing, as for groups, until its translation is added and approved; every topic reaches a subscriber; the reach before publishing counts the subscribers', async () => {
    const reach = await call(ctx.stack, 'GET', '/api/v1/groups/reach?topics=school', { headers: dispatch.editor.headers });
    expect(reach.body.items).to.deep.equal([
      { language: 'ar', groups: 1, citizens: 1 },
      { language: 'it', groups: 0, citizens: 1 },
      { language: 'zh-Hans', groups: 0, citizens: 1 },
    ]);

    const id = await publishAnnouncement(dispatch, { approved: ['ar'], input: { topics: ['school'] } });

    const summary = await waitForSummary(dispatch, id, (s) => settled(s) && (s.byState.sent ?? 0) === 3);
    expect(counted(summary.byState)).to.deep.equal({ sent: 3 });
    expect((await deliveriesOf(id)).find((d) => d.language === 'zh-Hans')).to.equal(undefined);

    await approveTranslation(dispatch, id, 'zh-Hans');

    await waitForSummary(dispatch, id, (s) => settled(s) && (s.byState.sent ?? 0) === 4);
    expect((await ours(chineseCitizen)).at(-1)!.endsWith(`\n\n${CHINESE_FOOTER}`), 'planned on approval: still a citizen’s text').to.equal(true);
  });

  it('UNSUBSCRIBE (退订) is confirmed, and the next announcement no longer reaches that chat', async () => {
    await citizenWrites(ctx, chineseCitizen, '退订');
    await waitForOurMessages(ctx, chineseCitizen, (sent) => sent.some((m) => m.text === CHINESE_UNSUBSCRIBED));
    const before = (await ours(chineseCitizen)).length;

    const id = await publishAnnouncement(dispatch, { approved: ['ar', 'zh-Hans'] });

    await waitForSummary(dispatch, id, settled);
    expect(counted((await summaryOf(dispatch, id)).byState)).to.deep.equal({ sent: 3 });
    expect(await ours(chineseCitizen)).to.have.length(before);
  });

  it('STOP ends the subscription too; subscribing again after STOP is asking to hear from us again', async () => {
    await citizenWrites(ctx, italianCitizen, 'STOP');
    const reachAfterStop = await call(ctx.stack, 'GET', '/api/v1/groups/reach?topics=permits', { headers: dispatch.editor.headers });
    expect(reachAfterStop.body.items.map((r: { language: string }) => r.language)).to.deep.equal(['ar']);

    await citizenWrites(ctx, italianCitizen, 'ISCRIVIMI');

    await waitForOurMessages(ctx, italianCitizen, (sent) => sent.at(-1)?.text.startsWith('Da ora riceverà in questa chat gli avvisi') ?? false);
    const reach = await call(ctx.stack, 'GET', '/api/v1/groups/reach?topics=permits', { headers: dispatch.editor.headers });
    expect(reach.body.items).to.deep.include({ language: 'it', groups: 0, citizens: 1 });
  });

  it('a subscription keyword in a group mention is a question, not a subscription of the group', async () => {
    await citizenWrites(ctx, ARABIC_GROUP, 'اشترك', { senderId: citizenChat(6), mentionsUs: true });

    const waiting = await listConversations(ctx, ctx.admin, '&waiting=true');
    expect(waiting).to.have.length(1);
    const reach = await call(ctx.stack, 'GET', '/api/v1/groups/reach?topics=permits', { headers: dispatch.editor.headers });
    expect(reach.body.items).to.deep.include({ language: 'ar', groups: 1, citizens: 1 });
  });

  it('staff subscribe a citizen who asked in their own words, and end it at their request; the citizen is told each time', async () => {
    const chat = citizenChat(9);
    const request = buildQuestion('مرحبا، أريد أن تصلني إعلانات البلدية هنا من فضلك');
    await citizenWrites(ctx, chat, request);
    await waitForOurMessages(ctx, chat, (sent) => sent.length === 1);
    const conversation = await conversationWith(ctx, request);
    const path = `/api/v1/inbox/conversations/${String(conversation.id)}/subscription`;

    const subscribed = await call(ctx.stack, 'PUT', path, { headers: ctx.arabicMediator.headers });

    expect(subscribed.status, JSON.stringify(subscribed.body)).to.equal(200);
    expect(subscribed.body.subscribedSince).to.be.a('string');
    expect(JSON.stringify(subscribed.body)).to.not.contain(chat.split('@')[0]);
    await waitForOurMessages(ctx, chat, (sent) => confirms(sent.at(-1)?.text ?? '', ARABIC_SUBSCRIBED));
    expect((await call(ctx.stack, 'PUT', path, { headers: ctx.arabicMediator.headers })).status, 'again: nothing more').to.equal(200);
    const reach = await call(ctx.stack, 'GET', '/api/v1/groups/reach?topics=permits', { headers: dispatch.editor.headers });
    expect(reach.body.items).to.deep.include({ language: 'ar', groups: 1, citizens: 2 });
    const audit = await call(ctx.stack, 'GET', `/api/v1/audit?targetType=inbox_conversation&targetId=${String(conversation.id)}`, { headers: ctx.admin.headers });
    expect(audit.body.items.map((e: { action: string }) => e.action)).to.include('inbox.subscribed');

    const ended = await call(ctx.stack, 'DELETE', path, { headers: ctx.arabicMediator.headers });

    expect(ended.status).to.equal(200);
    expect(ended.body.subscribedSince).to.equal(undefined);
    const ours = await waitForOurMessages(ctx, chat, (sent) => sent.length === 3);
    expect(ours.filter((m) => confirms(m.text, ARABIC_SUBSCRIBED)), 'told once').to.have.length(1);
    expect(ours.at(-1)?.text).to.contain('SUBSCRIBE');
    expect((await call(ctx.stack, 'PUT', path, { headers: ctx.chineseMediator.headers })).status, 'not their language').to.equal(403);
  });

  it('a citizen who wants only school notices: staff choose the topic, and only those reach their chat', async () => {
    const chat = citizenChat(11);
    const request = buildQuestion('مرحبا، أريد فقط إعلانات المدارس');
    await citizenWrites(ctx, chat, request);
    const conversation = await conversationWith(ctx, request);
    const path = `/api/v1/inbox/conversations/${String(conversation.id)}/subscription`;

    const subscribed = await call(ctx.stack, 'PUT', path, { headers: ctx.arabicMediator.headers, body: { topics: ['school'] } });

    expect(subscribed.status, JSON.stringify(subscribed.body)).to.equal(200);
    expect(subscribed.body.subscribedTopics).to.deep.equal(['school']);
    const bad = await call(ctx.stack, 'PUT', path, { headers: ctx.arabicMediator.headers, body: { topics: ['School!'] } });
    expect(bad.status).to.equal(400);
    expect(bad.body.errors[0].field).to.match(/^topics/);
    const reachOf = async (topics: string) =>
      ((await call(ctx.stack, 'GET', `/api/v1/groups/reach?topics=${topics}`, { headers: dispatch.editor.headers })).body.items as Array<{ language: string; citizens: number }>).find((r) => r.language === 'ar')?.citizens;
    expect((await reachOf('school')) ?? 0).to.equal(((await reachOf('permits')) ?? 0) + 1);
    const told = await waitForOurMessages(ctx, chat, (sent) => sent.length === 2);
    expect(told.at(-1)!.text, 'the citizen is told which topics').to.contain('حول: المدرسة.');
    const before = told.length;

    const permits = await publishAnnouncement(dispatch, { approved: ['ar'] });
    await waitForSummary(dispatch, permits, settled);
    expect(await ours(chat), 'permits: not for them').to.have.length(before);
    const school = await publishAnnouncement(dispatch, { approved: ['ar'], input: { topics: ['school'] } });
    await waitForSummary(dispatch, school, settled);
    expect(await ours(chat)).to.have.length(before + 1);

    const widened = await call(ctx.stack, 'PUT', path, { headers: ctx.arabicMediator.headers, body: {} });
    expect(widened.body.subscribedTopics, 'no topics: every announcement').to.deep.equal([]);
    expect(await ours(chat), 'a change of topics sends nothing').to.have.length(before + 1);
    await call(ctx.stack, 'DELETE', path, { headers: ctx.arabicMediator.headers });
  });

  it('staff cannot subscribe a citizen who wrote STOP, nor one who wrote only in a group', async () => {
    const chat = citizenChat(10);
    await citizenWrites(ctx, chat, 'LANG ar');
    await citizenWrites(ctx, chat, 'STOP');
    const stopped = (await listConversations(ctx, ctx.admin, '&language=ar')).at(-1)!;
    const refused = await call(ctx.stack, 'PUT', `/api/v1/inbox/conversations/${stopped.id}/subscription`, { headers: ctx.admin.headers });
    expect(refused.status).to.equal(409);
    expect(refused.body.type).to.equal('/problems/inbox.contact_opted_out');

    const groupOnly = (await listConversations(ctx, ctx.admin, '&language=ar')).find((c) => c.chatType === 'group');
    const inGroup = await call(ctx.stack, 'PUT', `/api/v1/inbox/conversations/${groupOnly!.id}/subscription`, { headers: ctx.admin.headers });
    expect(inGroup.status).to.equal(409);
    expect(inGroup.body.type).to.equal('/problems/inbox.subscription_needs_direct_chat');
  });

  it('the export shows the subscription and the notices sent into the chat; erasure removes both', async () => {
    const exports = [];
    for (const { contactId } of await listConversations(ctx, ctx.admin, '&language=ar')) {
      const exported = await call(ctx.stack, 'GET', `/api/v1/inbox/contacts/${contactId}/export`, { headers: ctx.admin.headers });
      expect(exported.status).to.equal(200);
      exports.push(exported.body);
    }
    const arabic = exports.find((e) => e.contact.subscription);
    const contactId = String(arabic?.contact.id);
    expect(arabic?.contact.subscription.chatId).to.equal(arabicCitizen);
    const states = (arabic?.deliveries ?? []).map((d: { state: string }) => d.state);
    expect(states.length, 'every announcement since they subscribed').to.be.at.least(3);
    expect([...new Set(states)]).to.deep.equal(['sent']);
    expect(exports.find((e) => e.conversation.chatType === 'group')?.contact.subscription, 'the group mention subscribed nobody').to.equal(undefined);

    expect((await call(ctx.stack, 'DELETE', `/api/v1/inbox/contacts/${contactId}`, { headers: ctx.admin.headers })).status).to.equal(204);

    const reach = await call(ctx.stack, 'GET', '/api/v1/groups/reach?topics=permits', { headers: dispatch.editor.headers });
    expect(reach.body.items).to.deep.include({ language: 'ar', groups: 1, citizens: 0 });
    const id = await publishAnnouncement(dispatch, { approved: ['ar'] });
    await waitForSummary(dispatch, id, settled);
    expect((await deliveriesOf(id)).filter((d) => d.kind === 'citizen').map((d) => d.language)).to.deep.equal(['it']);
  });

  it('a citizen chooses topics by their menu numbers (ISCRIVIMI 3): only those, and emergencies, reach their chat; ISCRIVIMI alone widens it to all', async () => {
    const chat = citizenChat(12);
    await citizenWrites(ctx, chat, 'LANG zh');
    await citizenWrites(ctx, chat, '订阅');
    const menu = (await waitForOurMessages(ctx, chat, (sent) => sent.length === 2)).at(-1)!.text;
    expect(menu.split('\n')).to.include('3 学校');

    await citizenWrites(ctx, chat, '订阅 ３');

    const chosen = await waitForOurMessages(ctx, chat, (sent) => sent.length === 3);
    expect(chosen.at(-1)!.text).to.contain('：学校和紧急情况和天气预警。');
    expect((await conversationWith(ctx, '订阅 ３')).contact.subscribedTopics, 'staff see the choice').to.deep.equal(['school', 'emergency']);
    const permits = await publishAnnouncement(dispatch, { approved: ['zh-Hans'] });
    await waitForSummary(dispatch, permits, settled);
    expect(await ours(chat), 'permits: not chosen').to.have.length(3);
    const school = await publishAnnouncement(dispatch, { approved: ['zh-Hans'], input: { topics: ['school'] } });
    await waitForSummary(dispatch, school, settled);
    const emergency = await publishAnnouncement(dispatch, { approved: ['zh-Hans'], input: { topics: ['emergency'] } });
    await waitForSummary(dispatch, emergency, settled);
    expect(await ours(chat), 'school and emergencies').to.have.length(5);

    await citizenWrites(ctx, chat, '订阅');
    await waitForOurMessages(ctx, chat, (sent) => sent.length === 6);
    const again = await publishAnnouncement(dispatch, { approved: ['zh-Hans'] });
    await waitForSummary(dispatch, again, settled);
    expect(await ours(chat), 'every topic again').to.have.length(7);
    await citizenWrites(ctx, chat, '退订');
});

describe('citizens’ own chats are quiet at night (CITIZEN_QUIET_HOURS)', () => {
  let ctx: InboxStack;
  let dispatch: DispatchStack;
  const citizen = citizenChat(8);

  before(async () => {
    // Quiet from an hour ago to an hour from now, in town time: whenever the test runs, it is "night" for citizens.
    ctx = await startInboxStack({ CITIZEN_QUIET_HOURS: `${romeTime(-60)}-${romeTime(60)}` });
    dispatch = { stack: ctx.stack, admin: ctx.admin, editor: ctx.admin, mediator: ctx.admin };
    await citizenWrites(ctx, citizen, 'LANG ar');
    await citizenWrites(ctx, citizen, 'اشترك');
    await waitForOurMessages(ctx, citizen, (sent) => sent.length === 2);
  });
  after(() => ctx.stack.stop());

  it('a normal notice reaches the groups now and waits, queued, for the morning in the citizen’s chat; an urgent one goes at once', async () => {
    const normal = await publishAnnouncement(dispatch, { approved: ['ar'] });

    await waitForSummary(dispatch, normal, (s) => s.byState.sent === 1 && s.byState.queued === 1);
    // Queued from the start; postponed once its job has run: `notBefore` moves from the publishing time to the morning.
    const postponed = async () => {
      const queued = await call(ctx.stack, 'GET', `/api/v1/announcements/${normal}/deliveries?state=queued`, { headers: ctx.admin.headers });
      return queued.body.items as Array<{ kind: string; notBefore: string }>;
    };
    const deadline = Date.now() + 10_000;
    let items = await postponed();
    // (While its job runs it is `sending` for a moment, and not in this list.)
    while (!(Date.parse(items[0]?.notBefore ?? '') > Date.now() + 60_000) && Date.now() < deadline) items = await postponed();
    expect(items.map((d) => d.kind)).to.deep.equal(['citizen']);
    expect(Date.parse(items[0]!.notBefore) - Date.now()).to.be.within(55 * 60_000, 61 * 60_000);
    expect(await messagesIn(ctx, ACCOUNT, citizen)).to.have.length(4);

    const urgent = await publishAnnouncement(dispatch, { approved: ['ar'], input: { priority: 'urgent', topics: ['emergency'] } });

    await waitForSummary(dispatch, urgent, (s) => s.byState.sent === 2);
    const last = (await messagesIn(ctx, ACCOUNT, citizen)).at(-1);
    expect(last?.fromUs).to.equal(true);
    expect(last?.text).to.contain('تجديد تصريح الإقامة');
  });
  });
});
