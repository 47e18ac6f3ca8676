import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { signInAs, type SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { waitFor } from '../../support/wait-for.js';
import { OfficialAccountDouble } from '../../support/wechat-official/official-account-double.js';
import { buildOfficialAccountConfig, TEST_OFFICIAL_ACCOUNT } from '../../support/wechat-official/official-account-rig.js';
import { postCallback } from '../../support/wechat-official/wechat-callback.js';
import { buildTranslationInput } from '../../factories/announcement.factory.js';
import { createAnnouncement } from '../announcements/announcement-api.js';

const ACCOUNT = 'oa-dingyue';
const OPENID = 'oPrato0000000000000000quota01';

/** A subscription account (订阅号) for the Chinese community: one mass send a day. */
describe('WeChat subscription account quota, through the whole service', function () {
  let double: OfficialAccountDouble;
  let stack: TestStack;
  let editor: SignedInUser;
  let chinese: SignedInUser;

  before(async function () {
    double = new OfficialAccountDouble({ appId: TEST_OFFICIAL_ACCOUNT.appId, appSecret: TEST_OFFICIAL_ACCOUNT.appSecret, kind: 'subscription' });
    await double.start();
    stack = await startTestStack({ CONNECTORS: JSON.stringify([buildOfficialAccountConfig(double.url, { id: ACCOUNT, kind: 'subscription', languages: ['zh-Hans'] })]) });
    double.account.callback = { url: `${stack.url}/wechat-official/${ACCOUNT}`, token: TEST_OFFICIAL_ACCOUNT.token, appId: TEST_OFFICIAL_ACCOUNT.appId, encodingAESKey: TEST_OFFICIAL_ACCOUNT.encodingAESKey };
    editor = await signInAs(stack, 'editor');
    chinese = await signInAs(stack, 'mediator', { languages: ['zh-Hans'] });
    double.follow(OPENID);
    await postCallback(double.account.callback, { FromUserName: OPENID, CreateTime: Math.floor(Date.now() / 1000), MsgType: 'event', Event: 'subscribe', EventKey: '' });
    await waitFor(() => (double.membersOf('zh-Hans').includes(OPENID) ? true : undefined), 'the zh-Hans tag', 15_000);
  });

  after(async function () {
    await stack?.stop();
    await double?.stop();
  });

  async function publishInChinese(): Promise<string> {
    const created = await createAnnouncement(stack, editor.headers, { targetLanguages: ['zh-Hans'] });
    const id = created.id as string;
    await call(stack, 'PUT', `/api/v1/announcements/${id}/translations/zh-Hans`, { headers: chinese.headers, body: buildTranslationInput('zh-Hans', { title: `通知 ${randomBytes(3).toString('hex')}` }) });
    await call(stack, 'POST', `/api/v1/announcements/${id}/translations/zh-Hans/approve`, { headers: chinese.headers });
    expect((await call(stack, 'POST', `/api/v1/announcements/${id}/publish`, { headers: editor.headers })).status).to.equal(202);
    return id;
  }

  async function tagDelivery(id: string, done: (state: string) => boolean): Promise<Record<string, unknown>> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const list = await call(stack, 'GET', `/api/v1/announcements/${id}/deliveries?limit=50`, { headers: editor.headers });
      const item = (list.body.items as Array<Record<string, unknown>>).find((d) => d.chatId === 'tag:zh-Hans');
      if (item && done(String(item.state))) return item;
      if (Date.now() > deadline) throw new Error(`the delivery is ${JSON.stringify(item)}`);
      await sleep(100);
    }
  }

  it('the day\'s mass send is used: the next notice is refused by the planner, never tried, with the reason for staff', async function () {
    const first = await publishInChinese();
    await tagDelivery(first, (state) => state === 'sent');

    const second = await publishInChinese();
    const refused = await tagDelivery(second, (state) => state === 'failed');

    expect(refused).to.include({ attempts: 0 });
    expect(refused.reason).to.include('once a day');
    expect(double.massSends).to.have.length(1);
  });
});
