import type { EventEmitter } from 'node:events';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { ScanStatus } from 'wechaty';
import type { SendFailureKind } from '../../../src/connectors/index.js';
import { WechatyConnector } from '../../../src/connectors/wechaty/wechaty.adapter.js';
import { buildWeChatAccount } from '../../factories/channel-account.factory.js';
import { silentLogger } from '../../support/silent-logger.js';
import { waitFor } from '../../support/wait-for.js';
import { describeChatConnectorContract, type ConnectorHarness } from './chat-connector.contract.js';

/** Words WeChat puppets pass on from the server. */
const FAILURES: Record<SendFailureKind, string> = {
  transient: 'read ECONNRESET',
  rate_limited: '发送消息过于频繁，请稍后再试',
  permanent: '你已被移出群聊',
};

/** PuppetMock that fails the sends the test arms; everything else is the real mock. */
class ScriptedPuppetMock extends PuppetMock {
  readonly failures: string[] = [];

  override async messageSendText(conversationId: string, text: string): Promise<void> {
    const failure = this.failures.shift();
    if (failure) throw new Error(failure);
    return super.messageSendText(conversationId, text);
  }
}

/** The mocks are EventEmitters, but their typings come from `typed-emitter`, which is not installed. */
function onMessage(mockUser: mock.RoomMock | mock.ContactMock, listener: (message: mock.MessageMock) => void): void {
  (mockUser as unknown as EventEmitter).on('message', listener);
}

describeChatConnectorContract('wechaty with wechaty-puppet-mock', async (): Promise<ConnectorHarness> => {
  const mocker = new mock.Mocker();
  const puppet = new ScriptedPuppetMock({ mocker });
  const user = mocker.createContact({ id: 'wxid_sportello', name: 'Sportello Prato' });
  const citizen = mocker.createContact({ id: 'wxid_citizen1', name: '王芳' });
  const room = mocker.createRoom({ id: 'room-zh-prato@chatroom', topic: 'Comunità cinese Prato — 中文', memberIdList: [user.id, citizen.id] });
  const sent: { chatId: string; text: string }[] = [];
  // Assert through the mocker: what the bot said arrives at the room and at the citizen.
  onMessage(room, (m) => void (m.talker().id === user.id && sent.push({ chatId: room.id, text: m.text() ?? '' })));
  onMessage(citizen, (m) => void (m.talker().id === user.id && !m.room() && sent.push({ chatId: citizen.id, text: m.text() ?? '' })));

  const connector = new WechatyConnector(buildWeChatAccount(), { createOptions: () => ({ puppet }), log: silentLogger });
  const isReady = () => (connector.state.status === 'ready' ? true : undefined);
  return {
    connector,
    group: { chatId: room.id, type: 'group' },
    contact: { chatId: citizen.id, type: 'direct' },
    unknownChat: { chatId: 'wxid_stranger', type: 'direct' },
    citizen: { id: citizen.id, name: '王芳' },
    startReady: async () => {
      await connector.start();
      // The mock never emits `ready`: the bot is usable once `login` has fired.
      mocker.login(user);
      await waitFor(isReady, 'login');
    },
    startUntilQr: async () => {
      await connector.start();
      mocker.scan('https://login.weixin.qq.com/l/sportello-test', ScanStatus.Waiting);
      const state = await waitFor(() => (connector.state.status === 'login_required' ? connector.state : undefined), 'the QR code');
      return state.qr;
    },
    scanQr: async () => mocker.login(user),
    citizenWrites: async (chat, text, mentionsUs) => {
      citizen.say(text, mentionsUs ? [user] : []).to(chat === 'group' ? room : user);
    },
    sentTexts: async (chat) => sent.filter((m) => m.chatId === chat.chatId).map((m) => m.text),
    failNextSend: (kind) => void puppet.failures.push(FAILURES[kind]),
    disconnect: async () => puppet.logout(),
    restore: async () => mocker.login(user),
    dispose: () => connector.stop(),
  };
});
