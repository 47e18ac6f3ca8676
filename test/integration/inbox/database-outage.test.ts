import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import { call } from '../../support/http.js';
import { killHard, spawnChildEngine, type ChildEngine } from '../embedded-mongo/child-engine.js';
import { ACCOUNT, startInboxStack, waitForConversation, waitForOurMessages, type InboxStack } from './inbox-api.js';

describe('inbox intake while the database is down', function () {
  this.timeout(180_000);
  let engineDir: string;
  let engine: ChildEngine | undefined;
  let ctx: InboxStack | undefined;

  before(async () => {
    engineDir = mkdtempSync(join(tmpdir(), 'sportello-outage-'));
    engine = await spawnChildEngine(engineDir);
    ctx = await startInboxStack({ MONGODB_URI: `${engine.uri}sportello` });
  });

  after(async () => {
    await ctx?.stack.stop();
    if (engine) await killHard(engine);
    rmSync(engineDir, { recursive: true, force: true });
  });

  it('a citizen writing while MongoDB is down for 75 s, is stored once and acknowledged once it is back', async () => {
    const chat = citizenChat(1);
    const question = buildQuestion('你好，数据库停了吗？');
    const port = new URL(engine!.uri).port;
    const written = await call(ctx!.stack, 'POST', `/api/v1/simulator/${ACCOUNT}/inbound`, {
      headers: ctx!.admin.headers,
      body: { chatId: chat, senderId: chat, senderName: 'Citizen', text: question, deliverAfterSeconds: 1 },
    });
    expect(written.status, JSON.stringify(written.body)).to.equal(202);

    await killHard(engine!);
    // The old intake gave up after 6 attempts, each waiting up to 10 s for a server: about 66 s in all.
    await sleep(75_000);
    engine = await spawnChildEngine(engineDir, ['--port', port]);

    const conversation = await waitForConversation(ctx!, question, 60_000);
    expect(conversation).to.include({ language: 'zh-Hans' });
    expect(conversation.messages.map((m: { text: string }) => m.text)).to.deep.equal([question]);
    const ours = await waitForOurMessages(ctx!, chat, (m) => m.length >= 1, 30_000);
    await sleep(500);
    expect(await waitForOurMessages(ctx!, chat, (m) => m.length === ours.length)).to.have.length(1);
  });
});
