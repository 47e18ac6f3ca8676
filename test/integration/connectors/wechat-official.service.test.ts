import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { signInAs, signInAsAdmin, type SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { waitFor } from '../../support/wait-for.js';
import { OfficialAccountDouble } from '../../support/wechat-official/official-account-double.js';
import { buildOfficialAccountConfig, TEST_OFFICIAL_ACCOUNT } from '../../support/wechat-official/official-account-rig.js';
import { postCallback, verifyServerUrl, type CallbackAccount } from '../../support/wechat-official/wechat-callback.js';
import { buildTranslationInput } from '../../factories/announcement.factory.js';
import { createAnnouncement } from '../announcements/announcement-api.js';

const ACCOUNT = 'oa-prato';
const HOUR = 60 * 60 * 1000;

/** A new follower's openid: 28 characters, as WeChat's. */
const newOpenid = (): string => `oPrato${randomBytes(11).toString('hex')}`;
const seconds = (ms: number): number => Math.floor(ms / 1000);

/** The service with one Official Account (safe mode) whose API is the double, and WeChat posting to its server URL. */
describe('WeChat Official Account channel, through the whole service', function () {
  let double: OfficialAccountDouble;
  let stack: TestStack;
  let callback: CallbackAccount;
  let admin: SignedInUser;
  let chinese: SignedInUser;
  let editor: SignedInUser;
  let msgId = 6_000_000_000_000_000;

  before(async function () {
    double = new OfficialAccountDouble({ appId: TEST_OFFICIAL_ACCOUNT.appId, appSecret: TEST_OFFICIAL_ACCOUNT.appSecret, kind: 'service' });
    await double.start();
    stack = await startTestStack({ CONNECTORS: JSON.stringify([buildOfficialAccountConfig(double.url, { id: ACCOUNT })]) });
    callback = { url: `${stack.url}/wechat-official/${ACCOUNT}`, token: TEST_OFFICIAL_ACCOUNT.token, appId: TEST_OFFICIAL_ACCOUNT.appId, encodingAESKey: TEST_OFFICIAL_ACCOUNT.encodingAESKey };
    double.account.callback = callback;
    admin = await signInAsAdmin(stack);
    chinese = await signInAs(stack, 'mediator', { languages: ['zh-Hans', 'it'] });
    editor = await signInAs(stack, 'editor');
  });

  after(async function () {
    await stack?.stop();
    await double?.stop();
  });

  /** The follower writes; WeChat posts it (and knows the follower wrote, for its own 48-hour check). */
  async function followerWrites(openid: string, text: string, at = Date.now()): Promise<void> {
    msgId += 1;
    double.interacted(openid, at);
    const answer = await postCallback(callback, { FromUserName: openid, CreateTime: seconds(at), MsgType: 'text', Content: text, MsgId: msgId });
    expect(answer, 'the callback answer').to.deep.equal({ status: 200, body: 'success' });
  }

  async function follows(openid: string): Promise<void> {
    double.follow(openid);
    const answer = await postCallback(callback, { FromUserName: openid, CreateTime: seconds(Date.now()), MsgType: 'event', Event: 'subscribe', EventKey: '' });
    expect(answer.body).to.equal('success');
  }

  async function conversationHolding(marker: string): Promise<{ id: string; messages: Array<{ text: string; media?: { kind: string; mimeType?: string } }>; outbound: Array<{ kind: string; text: string; state: string; reason?: string }> }> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const list = await call(stack, 'GET', '/api/v1/inbox/conversations?limit=200', { headers: admin.headers });
      for (const summary of list.body.items as Array<{ id: string }>) {
        const detail = await call(stack, 'GET', `/api/v1/inbox/conversations/${summary.id}`, { headers: admin.headers });
        if ((detail.body.messages as Array<{ text: string }>).some((m) => m.text.includes(marker))) return detail.body;
      }
      if (Date.now() > deadline) throw new Error(`no conversation holds ${marker}`);
      await sleep(100);
    }
  }

  async function waitUntil<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(100);
    }
  }

  it('server URL check (GET): echoes echostr when signed with the server token, 401 problem otherwise', async function () {
    const good = await verifyServerUrl(callback, 'echo-4711');
    const forged = await verifyServerUrl(callback, 'echo-4712', { signWith: 'notTheToken' });

    expect(good).to.deep.equal({ status: 200, body: 'echo-4711' });
    expect(forged.status).to.equal(401);
    expect(JSON.parse(forged.body)).to.include({ type: '/problems/connectors.wechat_signature_invalid', status: 401 });
  });

  it('follow: the follower is subscribed in Chinese, tagged zh-Hans at WeChat, and gets the short menu in Chinese and Italian', async function () {
    const openid = newOpenid();

    await follows(openid);

    await waitFor(() => (double.membersOf('zh-Hans').includes(openid) ? true : undefined), 'the zh-Hans tag', 15_000);
    expect(double.membersOf('it')).to.not.include(openid);
    const menu = double.customMessages.filter((m) => m.touser === openid);
    expect(menu).to.have.length(1);
    expect(menu[0]!.content).to.include('LINGUA it').and.include('欢迎关注').and.include('Benvenuto');
  });

  it('LINGUA it from a follower: their tag moves from zh-Hans to it', async function () {
    const openid = newOpenid();
    await follows(openid);
    await waitFor(() => (double.membersOf('zh-Hans').includes(openid) ? true : undefined), 'the zh-Hans tag', 15_000);

    await followerWrites(openid, 'LINGUA it');

    await waitFor(() => (double.membersOf('it').includes(openid) ? true : undefined), 'the it tag', 15_000);
    expect(double.membersOf('zh-Hans')).to.not.include(openid);
  });

  it('unfollow: the follower is opted out and leaves the language tag', async function () {
    const openid = newOpenid();
    await follows(openid);
    await waitFor(() => (double.membersOf('zh-Hans').includes(openid) ? true : undefined), 'the zh-Hans tag', 15_000);
    const other = newOpenid();

    // WeChat drops an unfollower from its tags itself; what matters is that the next sync does not put them back.
    double.unfollow(openid);
    await postCallback(callback, { FromUserName: openid, CreateTime: seconds(Date.now()), MsgType: 'event', Event: 'unsubscribe', EventKey: '' });
    await follows(other);

    await waitFor(() => (double.membersOf('zh-Hans').includes(other) ? true : undefined), 'the next follower tagged', 15_000);
    expect(double.membersOf('zh-Hans')).to.not.include(openid);
  });

  it('a post with a forged signature: 401 and nothing stored, while a signed one from the same follower is', async function () {
    const openid = newOpenid();
    double.follow(openid);
    const forgedText = `forged ${randomBytes(4).toString('hex')}`;
    const realText = `real ${randomBytes(4).toString('hex')}`;

    const forged = await postCallback(callback, { FromUserName: openid, CreateTime: seconds(Date.now()), MsgType: 'text', Content: forgedText, MsgId: 1 }, { signWith: 'attackerToken' });
    await followerWrites(openid, realText);

    expect(forged.status).to.equal(401);
    const conversation = await conversationHolding(realText);
    expect(conversation.messages.map((m) => m.text)).to.deep.equal([realText]);
  });

  it('a message WeChat posts again (same MsgId), plain and then encrypted: stored once', async function () {
    const openid = newOpenid();
    double.follow(openid);
    const text = `il mio permesso ${randomBytes(4).toString('hex')}`;
    msgId += 1;
    const fields = { FromUserName: openid, CreateTime: seconds(Date.now()), MsgType: 'text', Content: text, MsgId: msgId };
    double.interacted(openid);

    const first = await postCallback({ ...callback, encodingAESKey: undefined }, fields);
    const retried = await postCallback(callback, fields);
    const marker = `dopo ${randomBytes(4).toString('hex')}`;
    await followerWrites(openid, marker);

    expect([first.body, retried.body]).to.deep.equal(['success', 'success']);
    const conversation = await conversationHolding(marker);
    expect(conversation.messages.map((m) => m.text)).to.deep.equal([text, marker]);
  });

  it('image and voice: stored with their media metadata, the files stay at WeChat', async function () {
    const openid = newOpenid();
    double.follow(openid);
    const now = Date.now();

    await postCallback(callback, { FromUserName: openid, CreateTime: seconds(now), MsgType: 'image', PicUrl: 'http://mmbiz.qpic.cn/x', MediaId: 'media-1', MsgId: (msgId += 1) });
    await postCallback(callback, { FromUserName: openid, CreateTime: seconds(now), MsgType: 'voice', MediaId: 'media-2', Format: 'amr', MsgId: (msgId += 1) });
    const marker = `foto ${randomBytes(4).toString('hex')}`;
    await followerWrites(openid, marker);

    const conversation = await conversationHolding(marker);
    expect(conversation.messages.map((m) => m.media ?? null)).to.deep.equal([{ kind: 'image' }, { kind: 'voice', mimeType: 'audio/amr' }, null]);
  });

  it('a notice approved in Chinese: one mass send to the zh-Hans tag, its msg_id and WeChat\'s report on the delivery', async function () {
    const openid = newOpenid();
    await follows(openid);
    await waitFor(() => (double.membersOf('zh-Hans').includes(openid) ? true : undefined), 'the zh-Hans tag', 15_000);
    const zh = buildTranslationInput('zh-Hans', { title: `居留许可续签 ${randomBytes(3).toString('hex')}` });
    const created = await createAnnouncement(stack, editor.headers, { targetLanguages: ['zh-Hans'] });
    const id = created.id as string;

    await call(stack, 'PUT', `/api/v1/announcements/${id}/translations/zh-Hans`, { headers: chinese.headers, body: zh });
    expect((await call(stack, 'POST', `/api/v1/announcements/${id}/translations/zh-Hans/approve`, { headers: chinese.headers })).status).to.equal(200);
    expect((await call(stack, 'POST', `/api/v1/announcements/${id}/publish`, { headers: editor.headers })).status).to.equal(202);

    const delivery = await waitUntil(async () => {
      const list = await call(stack, 'GET', `/api/v1/announcements/${id}/deliveries?limit=50`, { headers: editor.headers });
      const item = (list.body.items as Array<Record<string, unknown>>).find((d) => d.chatId === 'tag:zh-Hans');
      return item?.platformReport ? item : undefined;
    }, 'the zh-Hans delivery with WeChat\'s report');
    const sends = double.massSends.filter((m) => m.content.includes(zh.title));
    expect(sends).to.have.length(1);
    expect(sends[0]!.tagId).to.equal(double.tagIdOf('zh-Hans'));
    expect(sends[0]!.recipients).to.include(openid);
    expect(delivery).to.deep.include({ state: 'sent', kind: 'group', messageIds: [String(sends[0]!.msgId)] });
    expect(delivery.platformReport).to.deep.include({ status: 'send success', total: sends[0]!.recipients.length, sent: sends[0]!.recipients.length, errors: 0 });
  });

  it('an answer within 48 hours goes by customer-service message; past them it is refused, with the reason for the mediator', async function () {
    const recent = newOpenid();
    const old = newOpenid();
    double.follow(recent);
    double.follow(old, Date.now() - 50 * HOUR);
    const recentText = `domanda ${randomBytes(4).toString('hex')}`;
    const oldText = `vecchia domanda ${randomBytes(4).toString('hex')}`;
    await followerWrites(recent, recentText);
    await followerWrites(old, oldText, Date.now() - 49 * HOUR);
    const inWindow = await conversationHolding(recentText);
    const pastWindow = await conversationHolding(oldText);

    const sent = await call(stack, 'POST', `/api/v1/inbox/conversations/${inWindow.id}/replies`, { headers: chinese.headers, body: { text: 'Sì, serve la ricevuta.' } });
    const refused = await call(stack, 'POST', `/api/v1/inbox/conversations/${pastWindow.id}/replies`, { headers: chinese.headers, body: { text: 'Troppo tardi?' } });

    expect([sent.status, refused.status]).to.deep.equal([202, 202]);
    await waitFor(() => (double.customMessages.some((m) => m.touser === recent && m.content === 'Sì, serve la ricevuta.') ? true : undefined), 'the answer at WeChat', 15_000);
    const failed = await waitUntil(async () => {
      const detail = await conversationHolding(oldText);
      return detail.outbound.find((o) => o.kind === 'reply' && o.state === 'failed');
    }, 'the refused answer');
    expect(failed.reason).to.include('48 hours');
    expect(double.customMessages.filter((m) => m.touser === old)).to.deep.equal([]);
  });

  it('the access token expires while answering: one new token, and the answer goes', async function () {
    const openid = newOpenid();
    double.follow(openid);
    const text = `scadenza ${randomBytes(4).toString('hex')}`;
    await followerWrites(openid, text);
    const conversation = await conversationHolding(text);
    double.expireTokens();
    const issued = double.tokensIssued;

    await call(stack, 'POST', `/api/v1/inbox/conversations/${conversation.id}/replies`, { headers: chinese.headers, body: { text: 'Ecco la risposta.' } });

    await waitFor(() => (double.customMessages.some((m) => m.touser === openid && m.content === 'Ecco la risposta.') ? true : undefined), 'the answer at WeChat', 15_000);
    expect(double.tokensIssued).to.equal(issued + 1);
  });
});
