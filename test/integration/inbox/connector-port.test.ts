import { expect } from 'chai';
import mongoose from 'mongoose';
import { Registry } from 'prom-client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInbox, type Inbox } from '../../../src/inbox/index.js';
import { SendError, type AccountSender } from '../../../src/chat-accounts/index.js';
import { createInProcessQueueFactory } from '../../../src/platform/queue/in-process-queue.adapter.js';
import { FileSpool } from '../../../src/platform/spool/file-spool.js';
import type { QueueFactory } from '../../../src/platform/queue/job-queue.port.js';
import { silentLogger } from '../../support/silent-logger.js';
import { startTempEngine, type TempEngine } from '../embedded-mongo/temp-engine.js';
import { buildInboundMessage } from '../../factories/inbox.factory.js';
import { recordingPace } from '../../support/recording-pace.js';
import { waitForAsync } from '../../support/wait-for.js';

/** A chat account that records what it is asked to send, and can be down. */
function recordingChat(): Pick<AccountSender, 'send'> & { sent: Array<{ chatId: string; text: string }>; down: boolean } {
  const chat = {
    sent: [] as Array<{ chatId: string; text: string }>,
    down: false,
    async send(_account: string, to: { chatId: string }, content: { text: string }) {
      if (chat.down) throw new SendError('transient', 'not connected (reconnecting)');
      chat.sent.push({ chatId: to.chatId, text: content.text });
      return { platformMessageId: `out-${chat.sent.length}`, sentAt: new Date() };
    },
  };
  return chat;
}

describe('inbox behind the connector port (real engine, in-process queue)', () => {
  let temp: TempEngine;
  let db: mongoose.Connection;
  let queues: QueueFactory;
  let inbox: Inbox;
  let chat: ReturnType<typeof recordingChat>;
  let spoolDir: string;
  let intakeRun: { stop(): Promise<void> };

  beforeEach(async () => {
    temp = await startTempEngine();
    spoolDir = mkdtempSync(join(tmpdir(), 'sportello-spool-'));
    db = await mongoose.createConnection(`${temp.engine.uri}sportello-inbox`, { serverSelectionTimeoutMS: 5000 }).asPromise();
    queues = createInProcessQueueFactory();
    chat = recordingChat();
    inbox = await createInbox({
      db,
      queues,
      intakeSpool: await FileSpool.open(spoolDir),
      accounts: [{ id: 'sim-port' }],
      chat,
      pace: recordingPace(),
      groupLanguage: async () => undefined,
      languages: { town: ['it', 'en', 'zh-Hans'], unsureBelow: 0.2 },
      deliveries: { toChat: async () => [], eraseToChat: async () => 0 },
      audit: { record: async () => undefined, referencing: async () => [], pseudonymise: async () => 0 },
      staff: { find: async () => undefined, alertable: async () => [] },
      translate: (key, lang) => `${key}@${lang}`,
      clock: () => new Date(),
      retentionMs: 24 * 3600_000,
      answerTargetMs: 3 * 60 * 60 * 1000,
      metrics: new Registry(),
      log: silentLogger,
    });
    intakeRun = inbox.startIntake();
    await inbox.startWorkers();
  });

  afterEach(async () => {
    await intakeRun.stop();
    await inbox.stop();
    await queues.close();
    await db.close();
    await temp.dispose();
    rmSync(spoolDir, { recursive: true, force: true });
  });

  /** Resolves once nothing is `queued` or `sending`: what was not sent by then was not going to be. */
  const outboundSettled = () =>
    waitForAsync(async () => ((await db.collection('inbox_outbound').countDocuments({ state: { $in: ['queued', 'sending'] } })) === 0 ? true : undefined), 'the inbox to send what it had to');

  it('the same platform message delivered twice, is stored once and acknowledged once', async () => {
    const first = await inbox.receive(buildInboundMessage());
    const again = await inbox.receive(buildInboundMessage());
    await outboundSettled();

    expect([first, again]).to.deep.equal(['stored', 'duplicate']);
    expect(await db.collection('inbox_messages').countDocuments()).to.equal(1);
    expect(chat.sent.map((s) => s.text)).to.deep.equal(['inbox.ack@it\n\ninbox.ack@en\n\ninbox.chooseLanguage@it\n\ninbox.chooseLanguage@en\n\ninbox.subscribeHint@it\n\ninbox.subscribeHint@en']);
  });

  it('five messages of a new citizen arriving at once, are all stored in one conversation and acknowledged once', async () => {
    const burst = Array.from({ length: 5 }, (_, i) => buildInboundMessage({ platformMessageId: `wamid-burst-${i}`, text: `parte ${i}` }));

    const outcomes = await Promise.all(burst.map((message) => inbox.receive(message)));
    await outboundSettled();

    expect(outcomes).to.deep.equal(['stored', 'stored', 'stored', 'stored', 'stored']);
    expect(await db.collection('inbox_messages').countDocuments()).to.equal(5);
    expect(await db.collection('inbox_conversations').countDocuments()).to.equal(1);
    expect(await db.collection('inbox_contacts').countDocuments()).to.equal(1);
    expect(chat.sent).to.have.length(1);
  });

  it('a message stored by a process that stopped before its acknowledgement, gets it when the platform delivers it again', async () => {
    await inbox.receive(buildInboundMessage({ text: '你好' }));
    await outboundSettled();
    await db.collection('inbox_outbound').deleteMany({});
    chat.sent.length = 0;

    await inbox.receive(buildInboundMessage({ text: '你好' }));
    await outboundSettled();

    expect(chat.sent.map((s) => s.text)).to.deep.equal(['inbox.ack@zh-Hans\n\ninbox.subscribeHint@zh-Hans']);
  });

  it('a message stored by a process that stopped before reopening its conversation, reopens it when delivered again', async () => {
    await inbox.receive(buildInboundMessage());
    const stored = await db.collection('inbox_messages').findOne({});
    // What the conversation looked like before this message, had the process stopped right after storing it.
    await db.collection('inbox_conversations').updateOne({}, { $set: { state: 'closed', lastInboundAt: new Date(Date.now() - 3600_000) } });

    const outcome = await inbox.receive(buildInboundMessage());

    expect(outcome).to.equal('duplicate');
    const conversation = await db.collection('inbox_conversations').findOne({});
    expect(conversation).to.include({ state: 'open' });
    expect(conversation?.lastInboundAt).to.deep.equal(stored?.receivedAt);
  });

  it('a STOP stored by a process that stopped before applying it, is applied and confirmed when delivered again', async () => {
    await inbox.receive(buildInboundMessage());
    const stop = buildInboundMessage({ platformMessageId: 'wamid-stop', text: 'STOP' });
    await inbox.receive(stop);
    await outboundSettled();
    // As if the process had stopped right after storing the STOP: the contact still opted in, the conversation
    // not told, the confirmation never written.
    await db.collection('inbox_contacts').updateOne({}, { $set: { optedOut: false } });
    await db.collection('inbox_conversations').updateOne({}, { $set: { state: 'open', lastInboundAt: new Date(Date.now() - 3600_000) } });
    await db.collection('inbox_outbound').deleteMany({ kind: 'keyword' });
    chat.sent.length = 0;

    expect(await inbox.receive(stop)).to.equal('duplicate');
    await outboundSettled();

    expect(await db.collection('inbox_contacts').findOne({})).to.include({ optedOut: true });
    expect(await db.collection('inbox_conversations').findOne({})).to.include({ state: 'closed' });
    expect(chat.sent.map((s) => s.text)).to.deep.equal(['inbox.stopped@it\n\ninbox.stopped@en']);
  });

  it('the chat account down when the acknowledgement is due, keeps it queued and sends it once the account is back', async () => {
    chat.down = true;

    await inbox.receive(buildInboundMessage());
    const queued = await waitForAsync(async () => (await db.collection('inbox_outbound').findOne({ attempts: { $gte: 1 } })) ?? undefined, 'a failed first attempt');
    chat.down = false;
    await waitForAsync(async () => (await db.collection('inbox_outbound').findOne({ state: 'sent' })) ?? undefined, 'the acknowledgement sent', 15_000);

    expect(queued).to.include({ state: 'queued', kind: 'ack' });
    expect(chat.sent).to.have.length(1);
    expect(await db.collection('inbox_outbound').findOne({})).to.include({ state: 'sent', attempts: 2 });
  });

  it('a language the citizen chose, is kept when they later write in another script', async () => {
    await inbox.receive(buildInboundMessage({ platformMessageId: 'wamid-lang', text: 'LANG ur' }));

    await inbox.receive(buildInboundMessage({ platformMessageId: 'wamid-zh', text: '你好' }));

    expect(await db.collection('inbox_contacts').findOne({})).to.include({ language: 'ur', languageSource: 'declared' });
    expect(await db.collection('inbox_conversations').findOne({})).to.include({ language: 'ur' });
  });

  it('a group message that does not mention us, is ignored and nothing is written', async () => {
    const outcome = await inbox.receive(buildInboundMessage({ chatType: 'group', chatId: '120363000000000001@g.us' }));

    expect(outcome).to.equal('ignored');
    expect(await db.collection('inbox_contacts').countDocuments()).to.equal(0);
  });
});
