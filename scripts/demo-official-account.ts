// `npm run demo` runs this next to the service: a stand-in of WeChat's Official Account API on loopback (the
// tests' double, with its documented JSON and error codes), and WeChat's side of the demo account "ViaRoma101":
// three people follow it and one asks a question, posted to the service's server URL as WeChat posts them
// (signed, encrypted). Prints the API's address on its first line, for the service's DEMO_OFFICIAL_ACCOUNT_API.
import { setTimeout as sleep } from 'node:timers/promises';
import { OfficialAccountDouble } from '../test/support/wechat-official/official-account-double.js';
import { postCallback, type CallbackAccount } from '../test/support/wechat-official/wechat-callback.js';

// The demo account's credentials, as `demoOfficialAccount` in src/platform/config.ts declares them.
const ACCOUNT = {
  id: 'oa-viaroma101',
  appId: 'wx5f0a1b2c3d4e5f60',
  appSecret: '5f0a1b2c3d4e5f605f0a1b2c3d4e5f60',
  token: 'viaroma101demo',
  encodingAESKey: 'ViaRoma101DemoEncodingAESKey0123456789abcde',
};
const FOLLOWERS = ['oViaRoma101DemoFollower00001', 'oViaRoma101DemoFollower00002', 'oViaRoma101DemoFollower00003'];
const QUESTION = '你好，我的居留许可下个月到期，续签需要准备哪些材料？';

const double = new OfficialAccountDouble({ appId: ACCOUNT.appId, appSecret: ACCOUNT.appSecret, kind: 'service' });
process.stdout.write(`${await double.start()}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void double.stop().then(() => process.exit(0)));
// The launcher (scripts/demo.mjs) holds our stdin: when it is gone, so are we.
process.stdin.on('close', () => void double.stop().then(() => process.exit(0)));
process.stdin.resume();

const service = `http://127.0.0.1:${process.env.PORT ?? '3000'}`;
const callback: CallbackAccount = { url: `${service}/wechat-official/${ACCOUNT.id}`, token: ACCOUNT.token, appId: ACCOUNT.appId, encodingAESKey: ACCOUNT.encodingAESKey };
double.account.callback = callback;

// The service answers its health check once its routes are mounted; the connector handles what arrives before it is ready.
for (;;) {
  const up = await fetch(`${service}/healthz`).then((r) => r.ok, () => false);
  if (up) break;
  await sleep(500);
}
const now = Math.floor(Date.now() / 1000);
for (const [i, openid] of FOLLOWERS.entries()) {
  double.follow(openid);
  await postCallback(callback, { FromUserName: openid, CreateTime: now + i, MsgType: 'event', Event: 'subscribe', EventKey: '' });
}
double.interacted(FOLLOWERS[0]!);
await postCallback(callback, { FromUserName: FOLLOWERS[0]!, CreateTime: now + 5, MsgType: 'text', Content: QUESTION, MsgId: 24_000_000_000_001 });
