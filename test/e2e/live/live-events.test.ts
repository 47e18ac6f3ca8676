import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { startInboxStack, ACCOUNT, type InboxStack } from '../../integration/inbox/inbox-api.js';
import { openSession, signInAs, type SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { createAnnouncement } from '../../integration/announcements/announcement-api.js';
import { SseClient, type ReceivedEvent } from '../../support/sse-client.js';
import { waitForAsync } from '../../support/wait-for.js';

const ARABIC = 'مرحبا، كيف أجدد تصريح الإقامة؟';
const CHINESE = '你好，我想续签居留许可';

/** A new citizen opens a direct chat with us and writes `text`; resolves with the chat id once the inbox stored it. */
async function newCitizenWrites(ctx: InboxStack, text: string): Promise<string> {
  const opened = await call(ctx.stack, 'POST', `/api/v1/simulator/${ACCOUNT}/chats`, { headers: ctx.admin.headers, body: { name: 'Nuovo cittadino' } });
  expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
  const chatId = String(opened.body.chatId);
  const sent = await call(ctx.stack, 'POST', `/api/v1/simulator/${ACCOUNT}/inbound`, {
    headers: ctx.admin.headers,
    body: { chatId, senderId: chatId, senderName: 'Nuovo cittadino', text },
  });
  expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
  return chatId;
}

async function conversationIdOfChat(ctx: InboxStack, marker: string): Promise<string> {
  const listed = await call(ctx.stack, 'GET', '/api/v1/inbox/conversations?limit=200', { headers: ctx.admin.headers });
  const row = (listed.body.items as Array<{ id: string; lastMessage?: { text: string } }>).find((item) => item.lastMessage?.text.includes(marker));
  if (!row) throw new Error(`no conversation shows ${marker}`);
  return row.id;
}

/** The simulator's notice interval (`ChatMessageNotices`): within it, past the first few messages, chats are told at its end. */
const NOTICE_INTERVAL_MS = 500;

/**
 * Resolves once no simulated chat of the account got a message for a notice interval. Only then does the next
 * message start an interval of its own, so its chat is named by its reference; right after other tests' chats
 * (a burst of four or more) the simulator says "several chats" instead, which is right but names none.
 */
async function untilAccountQuiet(ctx: InboxStack): Promise<void> {
  await waitForAsync(async () => {
    const listed = await call(ctx.stack, 'GET', `/api/v1/simulator/${ACCOUNT}/chats?include=messages`, { headers: ctx.admin.headers });
    const chats = listed.body as Array<{ messages: Array<{ at: string }> }>;
    const newest = Math.max(0, ...chats.flatMap((chat) => chat.messages.map((message) => Date.parse(message.at))));
    return Date.now() - newest >= NOTICE_INTERVAL_MS ? true : undefined;
  }, 'a quiet simulated account');
}

const isConversation = (language: string) => (e: ReceivedEvent) => e.event === 'conversation' && (e.data as { language: string }).language === language;

describe('GET /api/v1/events: the live stream', function () {
  this.timeout(60_000);
  let ctx: InboxStack;
  const clients: SseClient[] = [];
  const open = async (who: SignedInUser | undefined, lastEventId?: string): Promise<SseClient> => {
    const client = await SseClient.open(ctx.stack.url, who?.headers ?? {}, lastEventId ? { lastEventId } : {});
    clients.push(client);
    return client;
  };

  before(async () => {
    ctx = await startInboxStack();
  });
  after(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await ctx.stack.stop();
  });

  it('anonymous: 401 problem; a malformed Last-Event-ID: 400 naming it', async () => {
    const anonymous = await call(ctx.stack, 'GET', '/api/v1/events');
    const malformed = await call(ctx.stack, 'GET', '/api/v1/events', { headers: { ...ctx.admin.headers, 'last-event-id': 'yesterday' } });

    expect(anonymous.status).to.equal(401);
    expect(anonymous.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(malformed.status).to.equal(400);
    expect(malformed.body).to.have.nested.property('errors[0].field', 'Last-Event-ID');
  });

  it('each role hears only what it may read: queues by language, simulator to admins, announcements by token scope', async () => {
    const editor = await signInAs(ctx.stack, 'editor');
    const announcementsOnly = await signInAs(ctx.stack, 'viewer', { scopes: ['announcements:read'] });
    const admin = await open(ctx.admin);
    const viewer = await open(ctx.viewer);
    const arabic = await open(ctx.arabicMediator);
    const chinese = await open(ctx.chineseMediator);
    const editorStream = await open(editor);
    const scoped = await open(announcementsOnly);
    expect([admin, viewer, arabic, chinese, editorStream, scoped].map((c) => c.status)).to.deep.equal([200, 200, 200, 200, 200, 200]);

    // In this order: a Chinese question, an Arabic one, then a notice. Each stream delivers in order, so a
    // stream that received a later event has had its chance to receive the earlier ones.
    await newCitizenWrites(ctx, `${CHINESE} ${randomBytes(3).toString('hex')}`);
    await newCitizenWrites(ctx, `${ARABIC} ${randomBytes(3).toString('hex')}`);
    const created = await createAnnouncement(ctx.stack, editor.headers);
    const isNotice = (e: ReceivedEvent) => e.event === 'announcement' && (e.data as { id: string }).id === created.id;

    for (const client of [admin, viewer, editorStream]) {
      await client.waitFor(isNotice, 'announcement');
      expect(client.events.some(isConversation('zh-Hans')) && client.events.some(isConversation('ar'))).to.equal(true);
    }
    await arabic.waitFor(isNotice, 'announcement (Arabic mediator)');
    expect(arabic.events.filter(isConversation('zh-Hans'))).to.deep.equal([]);
    expect(arabic.events.some(isConversation('ar'))).to.equal(true);
    await chinese.waitFor(isNotice, 'announcement (Chinese mediator)');
    expect(chinese.events.filter(isConversation('ar'))).to.deep.equal([]);
    expect(chinese.events.some(isConversation('zh-Hans'))).to.equal(true);
    await scoped.waitFor(isNotice, 'announcement (token with announcements:read only)');
    expect(scoped.events.filter((e) => e.event === 'conversation' || e.event === 'outbound')).to.deep.equal([]);

    expect(admin.events.filter((e) => e.event === 'simulator').length).to.be.at.least(2);
    for (const client of [viewer, arabic, chinese, editorStream, scoped]) expect(client.events.filter((e) => e.event === 'simulator')).to.deep.equal([]);
  });

  it('events carry ids and states only: no text, name or chat number of the citizen', async () => {
    const admin = await open(ctx.admin);
    await untilAccountQuiet(ctx);
    const marker = randomBytes(4).toString('hex');
    const chatId = await newCitizenWrites(ctx, `${ARABIC} ${marker}`);
    const id = await conversationIdOfChat(ctx, marker);

    const event = await admin.waitFor((e) => e.event === 'conversation' && (e.data as { id: string }).id === id, 'the conversation');
    expect(event.data).to.deep.equal({ id, language: 'ar', status: 'open', reason: 'created' });
    expect(event.id).to.match(/^\d+-\d+$/);
    // The simulated chat is named by its reference in the simulator's list, not by its number.
    const chats = (await call(ctx.stack, 'GET', `/api/v1/simulator/${ACCOUNT}/chats`, { headers: ctx.admin.headers })).body as Array<{ chatId: string; ref: string }>;
    const ref = chats.find((c) => c.chatId === chatId)?.ref;
    await admin.waitFor((e) => e.event === 'simulator' && (e.data as { chatRef?: string }).chatRef === ref, 'the simulated chat by its reference');
    const everything = JSON.stringify(admin.events);
    expect(everything).not.to.contain(marker);
    expect(everything).not.to.contain('Nuovo cittadino');
    expect(everything).not.to.contain(chatId);
  });

  it("a mediator's answer: outbound queued then sent, and the conversation answered, to the queue's readers", async () => {
    const viewer = await open(ctx.viewer);
    const marker = randomBytes(4).toString('hex');
    await newCitizenWrites(ctx, `${ARABIC} ${marker}`);
    const id = await conversationIdOfChat(ctx, marker);

    const reply = await call(ctx.stack, 'POST', `/api/v1/inbox/conversations/${id}/replies`, { headers: ctx.arabicMediator.headers, body: { text: 'أهلا' } });
    expect(reply.status).to.equal(202);

    const ofReply = (state: string) => (e: ReceivedEvent) => e.event === 'outbound' && (e.data as { id: string; state: string }).id === reply.body.id && (e.data as { state: string }).state === state;
    const sent = await viewer.waitFor(ofReply('sent'), 'the answer sent');
    expect(sent.data).to.deep.equal({ id: reply.body.id, conversationId: id, state: 'sent' });
    expect(viewer.events.some(ofReply('queued'))).to.equal(true);
    expect(viewer.events.some((e) => e.event === 'conversation' && (e.data as { id: string; reason: string }).id === id && (e.data as { reason: string }).reason === 'answered')).to.equal(true);
  });

  it('a conversation moved to another queue: the readers of both queues hear of it, each in their own queue', async () => {
    const arabic = await open(ctx.arabicMediator);
    const chinese = await open(ctx.chineseMediator);
    const marker = randomBytes(4).toString('hex');
    await newCitizenWrites(ctx, `${ARABIC} ${marker}`);
    const id = await conversationIdOfChat(ctx, marker);

    const moved = await call(ctx.stack, 'POST', `/api/v1/inbox/conversations/${id}/language`, { headers: ctx.arabicMediator.headers, body: { language: 'zh-Hans' } });
    expect(moved.status, JSON.stringify(moved.body)).to.equal(200);

    const isRouted = (e: ReceivedEvent) => e.event === 'conversation' && (e.data as { id: string; reason: string }).id === id && (e.data as { reason: string }).reason === 'routed';
    expect((await chinese.waitFor(isRouted, 'routed, for the Chinese queue')).data).to.include({ language: 'zh-Hans' });
    expect((await arabic.waitFor(isRouted, 'routed, for the Arabic queue')).data).to.include({ language: 'ar' });
  });

  it('a question nobody can tell the language of goes to the unsure queue, which every mediator hears of', async () => {
    const arabic = await open(ctx.arabicMediator);
    const chinese = await open(ctx.chineseMediator);
    const marker = randomBytes(4).toString('hex');
    await newCitizenWrites(ctx, `ok 👍 ${marker}`);
    const id = await conversationIdOfChat(ctx, marker);

    const isIt = (e: ReceivedEvent) => e.event === 'conversation' && (e.data as { id: string }).id === id;
    expect((await arabic.waitFor(isIt, 'the unsure conversation (Arabic mediator)')).data).to.include({ language: 'unsure', reason: 'created' });
    expect((await chinese.waitFor(isIt, 'the unsure conversation (Chinese mediator)')).data).to.include({ language: 'unsure', reason: 'created' });
  });

  it('reconnecting with Last-Event-ID catches up on what happened while away, in order', async () => {
    const first = await open(ctx.admin);
    const position = await waitForPosition(first);
    await first.close();

    const marker = randomBytes(4).toString('hex');
    await newCitizenWrites(ctx, `${CHINESE} ${marker}`);
    const id = await conversationIdOfChat(ctx, marker);

    const again = await open(ctx.admin, position);
    const caughtUp = await again.waitFor((e) => e.event === 'conversation' && (e.data as { id: string }).id === id, 'the missed conversation');
    expect(caughtUp.data).to.include({ id, reason: 'created' });
    const ids = again.events.map((e) => e.id!);
    expect(ids).to.deep.equal([...ids].sort(compareIds));
    expect(again.events.filter((e) => e.event === 'reset')).to.deep.equal([]);
  });

  it('a password changed elsewhere ends the stream of the other session at its next heartbeat', async function () {
    this.timeout(90_000);
    const editor = await signInAs(ctx.stack, 'editor');
    const credentials = { email: editor.user.email, password: editor.password };
    const elsewhere = await openSession(ctx.stack, credentials);
    const here = await openSession(ctx.stack, credentials);
    const stream = await SseClient.open(ctx.stack.url, { cookie: elsewhere.cookie });
    clients.push(stream);
    expect(stream.status).to.equal(200);

    const changed = await call(ctx.stack, 'POST', '/api/v1/auth/password', { headers: here.headers, body: { currentPassword: editor.password, newPassword: 'another long passphrase' } });
    expect(changed.status).to.equal(204);

    await stream.ended;
    expect((await SseClient.open(ctx.stack.url, { cookie: elsewhere.cookie })).status).to.equal(401);
  });

  it('an id the stream does not hold: reset, then live events as usual', async () => {
    const client = await open(ctx.admin, '99999999999999-0');

    await client.waitFor((e) => e.event === 'reset', 'reset');
    const marker = randomBytes(4).toString('hex');
    await newCitizenWrites(ctx, `${ARABIC} ${marker}`);
    const id = await conversationIdOfChat(ctx, marker);
    await client.waitFor((e) => e.event === 'conversation' && (e.data as { id: string }).id === id, 'a live event after the reset');
  });
});

function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am! - bm! || as! - bs!;
}

async function waitForPosition(client: SseClient): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (client.lastEventId === undefined) {
    if (Date.now() > deadline) throw new Error('the stream announced no position');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return client.lastEventId;
}
