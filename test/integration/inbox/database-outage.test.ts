import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import { call } from '../../support/http.js';
import { captureLogs } from '../../support/log-capture.js';
import { waitForAsync } from '../../support/wait-for.js';
import { killHard, spawnChildEngine, type ChildEngine } from '../embedded-mongo/child-engine.js';
import { ACCOUNT, startInboxStack, waitForConversation, waitForOurMessages, waitForOutboundSettled, type InboxStack } from './inbox-api.js';

/** The old intake gave up after 6 attempts: the database comes back only once a 7th has failed. */
const RUNS_THE_OLD_INTAKE_GAVE_UP_AFTER = 6;

describe('inbox intake while the database is down', function () {
  this.timeout(180_000);
  let engineDir: string;
  let engine: ChildEngine | undefined;
  let ctx: InboxStack | undefined;
  const logs = captureLogs();

  before(async () => {
    engineDir = mkdtempSync(join(tmpdir(), 'sportello-outage-'));
    engine = await spawnChildEngine(engineDir);
    // Each failed run waits this long for a server: the 7th comes in seconds, not minutes.
    ctx = await startInboxStack({ MONGODB_URI: `${engine.uri}sportello?serverSelectionTimeoutMS=1000`, LOG_LEVEL: 'warn' }, { logDestination: logs.destination });
  });

  after(async () => {
    await ctx?.stack.stop();
    if (engine) await killHard(engine);
    rmSync(engineDir, { recursive: true, force: true });
  });

  /** The `runs` of the intake's "failed; the message waits" warnings so far. */
  const failedRuns = (): number[] =>
    logs
      .text()
      .split('\n')
      .filter((line) => line.includes('inbox intake failed'))
      .map((line) => (JSON.parse(line) as { runs: number }).runs);

  it('a citizen writing while MongoDB is down past the old intake\'s give-up, is stored once and acknowledged once it is back', async () => {
    const chat = citizenChat(1);
    const question = buildQuestion('你好，数据库停了吗？');
    const port = new URL(engine!.uri).port;
    // The simulator's control call needs the database (the session); the message reaches Sportello after the kill.
    const written = await call(ctx!.stack, 'POST', `/api/v1/simulator/${ACCOUNT}/inbound`, {
      headers: ctx!.admin.headers,
      body: { chatId: chat, senderId: chat, senderName: 'Citizen', text: question, deliverAfterSeconds: 2 },
    });
    expect(written.status, JSON.stringify(written.body)).to.equal(202);
    await killHard(engine!);

    // Waits for the intake itself to fail once more than the old one tried, then brings the database back.
    await waitForAsync(async () => (failedRuns().some((runs) => runs > RUNS_THE_OLD_INTAKE_GAVE_UP_AFTER) ? true : undefined), 'a 7th failed intake run', 150_000, 200);
    engine = await spawnChildEngine(engineDir, ['--port', port]);

    const conversation = await waitForConversation(ctx!, question, 60_000);
    expect(conversation).to.include({ language: 'zh-Hans' });
    expect(conversation.messages.map((m: { text: string }) => m.text)).to.deep.equal([question]);
    await waitForOurMessages(ctx!, chat, (m) => m.length >= 1, 30_000);
    await waitForOutboundSettled(ctx!);
    expect(await waitForOurMessages(ctx!, chat, () => true)).to.have.length(1);
  });
});
