import { expect } from 'chai';
import { join } from 'node:path';
import { SendError } from '../../../src/connectors/index.js';
import type { SpooledCallback } from '../../../src/connectors/wechat-official/callback-message.js';
import { WeChatOfficialConnector } from '../../../src/connectors/wechat-official/wechat-official.adapter.js';
import { FileSpool } from '../../../src/platform/spool/file-spool.js';
import { silentLogger } from '../../support/silent-logger.js';
import { waitFor } from '../../support/wait-for.js';
import { buildOfficialAccountConfig, startOfficialAccountRig, type OfficialAccountRig } from '../../support/wechat-official/official-account-rig.js';
import { postCallback } from '../../support/wechat-official/wechat-callback.js';

const OPENID = 'oPrato0000000000000000adapter';

async function sendFailure(promise: Promise<unknown>): Promise<SendError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(SendError);
    return error as SendError;
  }
  throw new Error('the send succeeded');
}

describe('WeChat Official Account connector', function () {
  let rig: OfficialAccountRig;

  afterEach(async function () {
    await rig?.dispose();
  });

  async function readyWithFollower(kind: 'subscription' | 'service'): Promise<void> {
    rig = await startOfficialAccountRig({ kind, safeMode: true });
    await rig.connector.start();
    rig.double.follow(OPENID);
    rig.double.followers.get(OPENID)!.tags.add(rig.double.tagIdOf('zh-Hans')!);
  }

  it('subscription account: the second mass send of the day is refused before WeChat is asked, with the reason', async function () {
    await readyWithFollower('subscription');

    await rig.connector.send({ chatId: 'tag:zh-Hans', type: 'group' }, { text: '今天的通知' });
    const refused = await sendFailure(rig.connector.send({ chatId: 'tag:it', type: 'group' }, { text: "L'avviso di oggi" }));

    expect(refused.kind).to.equal('permanent');
    expect(refused.message).to.include('once a day');
    expect(rig.double.massSends.map((m) => m.content)).to.deep.equal(['今天的通知']);
    expect(await rig.connector.massSendsLeft('it')).to.equal(0);
  });

  it('service account: four mass sends a month to a language, the fifth refused; the other language keeps its four', async function () {
    await readyWithFollower('service');

    for (const n of [1, 2, 3, 4]) await rig.connector.send({ chatId: 'tag:zh-Hans', type: 'group' }, { text: `通知 ${n}` });
    const refused = await sendFailure(rig.connector.send({ chatId: 'tag:zh-Hans', type: 'group' }, { text: '通知 5' }));

    expect(refused.kind).to.equal('permanent');
    expect(refused.message).to.include('four a month');
    expect(rig.double.massSends).to.have.length(4);
    expect(await rig.connector.massSendsLeft('it')).to.equal(4);
  });

  it('the same text to the same tag again (a retry after a crash): WeChat finds the first mass send, nobody gets it twice', async function () {
    await readyWithFollower('subscription');

    const first = await rig.connector.send({ chatId: 'tag:zh-Hans', type: 'group' }, { text: '重要通知' });
    const again = await rig.connector.send({ chatId: 'tag:zh-Hans', type: 'group' }, { text: '重要通知' });

    expect(again.platformMessageId).to.equal(first.platformMessageId);
    expect(rig.double.massSends).to.have.length(1);
  });

  for (const [errcode, kind, words] of [
    [45009, 'rate_limited', 'daily API quota'],
    [45047, 'permanent', 'at most 20 answers'],
    [45028, 'permanent', 'no mass-send quota'],
    [-1, 'transient', 'did not send'],
  ] as const) {
    it(`WeChat answers ${errcode}: SendError ${kind}, saying what it means`, async function () {
      await readyWithFollower('service');
      rig.double.failNext(errcode);

      const failure = await sendFailure(rig.connector.send({ chatId: 'tag:zh-Hans', type: 'group' }, { text: `x ${errcode}` }));

      expect(failure.kind).to.equal(kind);
      expect(failure.message).to.include(words);
      if (kind === 'rate_limited') expect(failure.retryAfterMs).to.be.within(1, 24 * 60 * 60 * 1000);
    });
  }

  it('two processes on one Redis: one access token fetched and shared; an expired one is fetched again once', async function () {
    await readyWithFollower('service');
    const second = new WeChatOfficialConnector(buildOfficialAccountConfig(rig.double.url, { encodingAESKey: undefined }), {
      log: silentLogger,
      redis: rig.redis,
      spool: await FileSpool.open<SpooledCallback>(join(rig.spoolDir, '..', 'second-spool')),
    });
    await second.start();

    await rig.connector.send({ chatId: 'tag:zh-Hans', type: 'group' }, { text: 'uno' });
    await second.send({ chatId: 'tag:it', type: 'group' }, { text: 'due' });
    expect(rig.double.tokensIssued).to.equal(1);

    rig.double.expireTokens();
    await second.send({ chatId: 'tag:zh-Hans', type: 'group' }, { text: 'tre' });
    await rig.connector.send({ chatId: 'tag:it', type: 'group' }, { text: 'quattro' });

    expect(rig.double.tokensIssued).to.equal(2);
    expect(rig.double.massSends.map((m) => m.content)).to.deep.equal(['uno', 'due', 'tre', 'quattro']);
    await second.stop();
  });

  it('a callback on disk but not handled when the process stopped: handled at the next start', async function () {
    rig = await startOfficialAccountRig({ safeMode: true });
    rig.double.follow(OPENID);
    const received: string[] = [];
    rig.connector.on('message', async (message) => void received.push(message.text));

    // Not started: the callback is written to the spool and answered, but nothing handles it yet (as after a crash).
    const answer = await postCallback(rig.callback, { FromUserName: OPENID, CreateTime: Math.floor(Date.now() / 1000), MsgType: 'text', Content: 'prima del crash', MsgId: 99 });
    const restarted = new WeChatOfficialConnector(buildOfficialAccountConfig(rig.double.url), { log: silentLogger, redis: rig.redis, spool: await FileSpool.open<SpooledCallback>(rig.spoolDir) });
    restarted.on('message', async (message) => void received.push(message.text));
    await restarted.start();

    expect(answer.body).to.equal('success');
    await waitFor(() => (received.length > 0 ? true : undefined), 'the spooled message');
    expect(received).to.deep.equal(['prima del crash']);
    await restarted.stop();
  });
});
