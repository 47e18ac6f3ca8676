import type { SendFailureKind } from '../../../src/connectors/index.js';
import { postCallback } from '../../support/wechat-official/wechat-callback.js';
import { startOfficialAccountRig } from '../../support/wechat-official/official-account-rig.js';
import { waitFor } from '../../support/wait-for.js';
import { describeChatConnectorContract, type ConnectorHarness } from './chat-connector.contract.js';

/** WeChat's own answers for each kind: system busy, the daily API quota, a follower who left. */
const FAILURES: Record<SendFailureKind, number> = { transient: -1, rate_limited: 45009, permanent: 43004 };

const OPENID = 'oPrato0000000000000000citizen1';

describeChatConnectorContract(
  'wechat-official against the Official Account API double',
  async (): Promise<ConnectorHarness> => {
    const rig = await startOfficialAccountRig({ safeMode: true });
    const { connector, double } = rig;
    double.follow(OPENID);
    let msgId = 7_000_000_000_000_000;
    let menuMessages = 0;
    const noQr = (): never => {
      throw new Error('an Official Account has no QR login');
    };
    return {
      connector,
      group: { chatId: 'tag:zh-Hans', type: 'group' },
      contact: { chatId: OPENID, type: 'direct' },
      unknownChat: { chatId: 'tag:ar', type: 'group' },
      citizen: { id: OPENID, name: `WeChat follower …${OPENID.slice(-4)}` },
      startReady: async () => {
        await connector.start();
        // A mass send by tag reaches the tag's followers: the citizen is in the Chinese one.
        double.followers.get(OPENID)!.tags.add(double.tagIdOf('zh-Hans')!);
        // The citizen has just followed: that opens the 48-hour window, in which the first-follow menu goes out.
        await postCallback(rig.callback, { FromUserName: OPENID, CreateTime: Math.floor(Date.now() / 1000), MsgType: 'event', Event: 'subscribe' });
        await waitFor(() => (double.customMessages.length > 0 ? true : undefined), 'the first-follow menu');
        menuMessages = double.customMessages.length;
      },
      startUntilQr: async () => noQr(),
      scanQr: async () => noQr(),
      citizenWrites: async (_chat, text) => {
        msgId += 1;
        const at = Math.floor(Date.now() / 1000);
        double.interacted(OPENID, at * 1000);
        const answer = await postCallback(rig.callback, { FromUserName: OPENID, CreateTime: at, MsgType: 'text', Content: text, MsgId: msgId });
        if (answer.body !== 'success') throw new Error(`the callback answered ${answer.status} ${answer.body}`);
      },
      sentTexts: async (chat) =>
        chat.type === 'group'
          ? double.massSends.filter((m) => m.tagId === double.tagIdOf(chat.chatId.slice('tag:'.length))).map((m) => m.content)
          : double.customMessages.slice(menuMessages).filter((m) => m.touser === chat.chatId).map((m) => m.content),
      failNextSend: (kind) => double.failNext(FAILURES[kind]),
      disconnect: async () => {
        double.goOffline();
        // Nothing is connected to an HTTP API: the connector finds out at its next call.
        await connector.listChats().catch(() => undefined);
      },
      restore: async () => {
        double.goOnline();
        await waitFor(() => (connector.state.status === 'ready' ? true : undefined), 'WeChat reachable again');
      },
      dispose: rig.dispose,
    };
  },
  { noGroupMessages: true, noQrLogin: true },
);
