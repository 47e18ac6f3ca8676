import { expect } from 'chai';
import mongoose from 'mongoose';
import { SendError } from '../../../src/chat-accounts/index.js';
import { OutboundRepository } from '../../../src/inbox/outbound/outbound.repository.js';
import { OutboundSender } from '../../../src/inbox/outbound/outbound-sender.service.js';
import { silentLogger } from '../../support/silent-logger.js';
import { startTempEngine, type TempEngine } from '../embedded-mongo/temp-engine.js';
import { citizenChat } from '../../factories/inbox.factory.js';
import { recordingPace } from '../../support/recording-pace.js';

const POLICY = { maxAttempts: 3, backoffMs: (attempt: number) => attempt * 1000 };

describe('OutboundSender (real repository on the engine)', () => {
  let temp: TempEngine;
  let db: mongoose.Connection;
  let outbound: OutboundRepository;
  let failure: SendError | undefined;
  let sends = 0;
  let pace = recordingPace();

  const sender = () =>
    new OutboundSender({
      outbound,
      chat: {
        async send() {
          sends += 1;
          if (failure) throw failure;
          return { platformMessageId: 'out-1', sentAt: new Date() };
        },
      },
      pace,
      log: silentLogger,
    });

  const queuedReply = () =>
    outbound.insert({
      conversationId: 'c1',
      contactId: 'k1',
      kind: 'reply',
      account: 'sim-test',
      chatId: citizenChat(1),
      chatType: 'direct',
      text: 'risposta',
      createdAt: new Date(),
      expireAt: new Date(Date.now() + 86_400_000),
    });

  before(async () => {
    temp = await startTempEngine();
    db = await mongoose.createConnection(`${temp.engine.uri}sportello-outbound`, { serverSelectionTimeoutMS: 5000 }).asPromise();
    outbound = new OutboundRepository(db);
    await outbound.init();
  });

  beforeEach(() => {
    failure = undefined;
    sends = 0;
    pace = recordingPace();
  });

  after(async () => {
    await db.close();
    await temp.dispose();
  });

  it('transient failures, retried later until the last attempt, then failed with the reason', async () => {
    failure = new SendError('transient', 'not connected (reconnecting)');
    const message = await queuedReply();

    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await sender().send(message.id, 'sim-test', POLICY));

    expect(outcomes.map((o) => o.kind)).to.deep.equal(['later', 'later', 'done']);
    expect(outcomes[1]).to.include({ delayMs: 2000 });
    expect(await outbound.get(message.id)).to.include({ state: 'failed', attempts: 3, reason: 'not connected (reconnecting)' });
  });

  it('rate limited, waits at least what the platform asked, and holds the whole account that long', async () => {
    failure = new SendError('rate_limited', 'slow down', 30_000);
    const message = await queuedReply();

    const outcome = await sender().send(message.id, 'sim-test', POLICY);

    expect(outcome).to.include({ kind: 'later', delayMs: 30_000 });
    expect(await outbound.get(message.id)).to.include({ state: 'queued', attempts: 1 });
    expect(pace.turns).to.deep.equal([{ account: 'sim-test', sent: 0, holdMs: 30_000 }]);
  });

  it('a message already sent, run again (a repeated job), is not sent twice', async () => {
    const message = await queuedReply();

    await sender().send(message.id, 'sim-test', POLICY);
    const again = await sender().send(message.id, 'sim-test', POLICY);

    expect(again).to.deep.equal({ kind: 'done' });
    expect(sends).to.equal(1);
    expect(pace.turns.map((t) => t.sent)).to.deep.equal([1, 0]);
    expect(await outbound.get(message.id)).to.include({ state: 'sent', platformMessageId: 'out-1' });
  });
});
