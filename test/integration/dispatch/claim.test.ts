import { expect } from 'chai';
import mongoose, { type Connection } from 'mongoose';
import { DeliveryLedger } from '../../../src/dispatch/delivery-ledger.js';
import type { NewDelivery } from '../../../src/dispatch/delivery.js';
import { startTempEngine, type TempEngine } from '../embedded-mongo/temp-engine.js';

const publishedAt = new Date('2026-12-02T09:00:00Z');

function planned(announcementId: string, chatId: string, overrides: Partial<NewDelivery> = {}): NewDelivery {
  return {
    announcementId,
    announcementVersion: 1,
    targetKey: `group:sim-a:${chatId}`,
    targetKind: 'group',
    account: 'sim-a',
    chatId,
    channel: 'whatsapp',
    language: 'ar',
    fallback: false,
    priority: 'normal',
    parts: ['نص'],
    state: 'queued',
    plannedAt: publishedAt,
    notBefore: publishedAt,
    scheduledAt: publishedAt,
    ...overrides,
  };
}

// The process that planned a delivery claims it from what it wrote; whatever changed in the database since must
// win, as it does for a process that claims by reading.
describe('claiming deliveries for a turn', () => {
  let temp: TempEngine;
  let db: Connection;
  let announcementSeq = 0;
  const nextAnnouncement = (): string => `ann-claim-${(announcementSeq += 1)}`;

  before(async () => {
    temp = await startTempEngine();
    db = await mongoose.createConnection(`${temp.engine.uri}claims`).asPromise();
    await new DeliveryLedger(db).init();
  });
  after(async () => {
    await db.close();
    await temp.dispose();
  });

  it('the planning process claims its own deliveries as written, and they are `sending` in the database', async () => {
    const ledger = new DeliveryLedger(db);
    const announcementId = nextAnnouncement();
    const written = await ledger.planning.insertPlanned([planned(announcementId, 'c-1'), planned(announcementId, 'c-2', { quietHours: { from: '22:00', to: '07:00' } })]);

    const claims = await ledger.sending.claim(written.map((d) => d.id));

    expect([...claims.values()].map((c) => ({ chatId: c.chatId, state: c.state, parts: c.parts, attempts: c.attempts, partsSent: c.partsSent }))).to.deep.equal([
      { chatId: 'c-1', state: 'queued', parts: ['نص'], attempts: 0, partsSent: 0 },
      { chatId: 'c-2', state: 'queued', parts: ['نص'], attempts: 0, partsSent: 0 },
    ]);
    expect(claims.get(written[1]!.id)?.quietHours).to.deep.equal({ from: '22:00', to: '07:00' });
    expect(claims.get(written[0]!.id)?.notBefore?.toISOString()).to.equal(publishedAt.toISOString());
    expect((await ledger.reports.list({ announcementId }, { limit: 10 })).map((d) => d.state)).to.deep.equal(['sending', 'sending']);
  });

  it('a delivery cancelled after planning is not claimed, and one moved to another time is claimed with that time', async () => {
    const ledger = new DeliveryLedger(db);
    const moved = nextAnnouncement();
    const cancelled = nextAnnouncement();
    const written = await ledger.planning.insertPlanned([planned(moved, 'c-1'), planned(cancelled, 'c-2'), planned(moved, 'c-3')]);
    const later = new Date('2026-12-03T08:30:00Z');
    await ledger.announcements.reschedule(moved, 1, later);
    await ledger.announcements.cancelPending(cancelled);

    const claims = await ledger.sending.claim(written.map((d) => d.id));

    expect([...claims.values()].map((c) => c.chatId)).to.have.members(['c-1', 'c-3']);
    expect([...claims.values()].map((c) => c.notBefore?.toISOString())).to.deep.equal([later.toISOString(), later.toISOString()]);
    expect((await ledger.reports.list({ announcementId: cancelled }, { limit: 10 })).map((d) => d.state)).to.deep.equal(['cancelled']);
  });

  it('a turn mixing remembered deliveries with a changed one claims each once, the changed one as it is now', async () => {
    const ledger = new DeliveryLedger(db);
    const announcementId = nextAnnouncement();
    const written = await ledger.planning.insertPlanned(['c-1', 'c-2', 'c-3'].map((chatId) => planned(announcementId, chatId)));
    // A failed try of c-2 in another worker: back to `queued` later, one attempt counted.
    const [first] = [...(await new DeliveryLedger(db).sending.claim([written[1]!.id])).values()];
    const retryAt = new Date('2026-12-02T09:05:00Z');
    await ledger.sending.requeue(first!.id, { notBefore: retryAt, reason: 'platform unavailable', attempt: true });

    const claims = await ledger.sending.claim(written.map((d) => d.id));

    expect(claims.size).to.equal(3);
    expect(claims.get(written[1]!.id)).to.include({ attempts: 1, reason: 'platform unavailable' });
    expect(claims.get(written[1]!.id)?.notBefore?.toISOString()).to.equal(retryAt.toISOString());
    expect(claims.get(written[0]!.id)).to.include({ attempts: 0, state: 'queued' });
    expect((await ledger.reports.list({ announcementId }, { limit: 10 })).map((d) => d.state)).to.deep.equal(['sending', 'sending', 'sending']);
  });

  it('a delivery planned here but claimed by another worker is not claimed again from memory', async () => {
    const planner = new DeliveryLedger(db);
    const announcementId = nextAnnouncement();
    const written = await planner.planning.insertPlanned([planned(announcementId, 'c-1')]);
    expect((await new DeliveryLedger(db).sending.claim([written[0]!.id])).size).to.equal(1);

    const again = await planner.sending.claim([written[0]!.id]);

    // Found `sending`: the other worker died in the middle of its send (the crash rule), not a fresh claim.
    expect(again.get(written[0]!.id)?.state).to.equal('sending');
  });

  it('a delivery whose first part was sent before a retry is claimed from the part it reached', async () => {
    const ledger = new DeliveryLedger(db);
    const announcementId = nextAnnouncement();
    const written = await ledger.planning.insertPlanned([planned(announcementId, 'c-1', { parts: ['uno', 'due'] })]);
    const other = new DeliveryLedger(db);
    await other.sending.claim([written[0]!.id]);
    await other.sending.recordPartSent(written[0]!.id, 1, 'msg-1');
    await other.sending.requeue(written[0]!.id, { notBefore: publishedAt, reason: 'platform unavailable', attempt: true });

    const claims = await ledger.sending.claim([written[0]!.id]);

    expect(claims.get(written[0]!.id)).to.include({ partsSent: 1, state: 'queued' });
  });

  it('two turns claiming and recording at the same moment each get exactly their own', async () => {
    const ledger = new DeliveryLedger(db);
    const announcementId = nextAnnouncement();
    const stopped = nextAnnouncement();
    const written = await ledger.planning.insertPlanned([
      ...['a-1', 'a-2'].map((chatId) => planned(announcementId, chatId, { account: 'sim-a' })),
      planned(stopped, 'b-1', { account: 'sim-b' }),
      planned(announcementId, 'b-2', { account: 'sim-b' }),
    ]);
    await ledger.announcements.cancelPending(stopped);
    const [a1, a2, b1, b2] = written.map((d) => d.id);

    const [turnA, turnB] = await Promise.all([ledger.sending.claim([a1!, a2!]), ledger.sending.claim([b1!, b2!])]);

    expect([...turnA.keys()]).to.have.members([a1, a2]);
    expect([...turnB.keys()]).to.deep.equal([b2]);
    const at = new Date();
    await Promise.all([
      ledger.sending.markSent([...turnA.values()].map((delivery, i) => ({ delivery, partsSent: 1, messageId: `wa-${i}`, at }))),
      ledger.sending.markSent([...turnB.values()].map((delivery) => ({ delivery, partsSent: 1, messageId: 'wb-0', at }))),
    ]);
    const stored = await ledger.reports.list({ announcementId }, { limit: 10 });
    expect(stored.map((d) => ({ chatId: d.chatId, state: d.state, messageIds: d.messageIds }))).to.deep.equal([
      { chatId: 'a-1', state: 'sent', messageIds: ['wa-0'] },
      { chatId: 'a-2', state: 'sent', messageIds: ['wa-1'] },
      { chatId: 'b-2', state: 'sent', messageIds: ['wb-0'] },
    ]);
  });

  it('recording a turn in which one statement fails: markSent rejects, and the other deliveries of the turn are recorded sent', async () => {
    const ledger = new DeliveryLedger(db);
    const announcementId = nextAnnouncement();
    const written = await ledger.planning.insertPlanned(['c-1', 'c-2'].map((chatId) => planned(announcementId, chatId)));
    const claims = await ledger.sending.claim(written.map((d) => d.id));
    // A document the statement cannot apply to: `$push` onto a field that is not an array.
    await db.collection('deliveries').updateOne({ chatId: 'c-1', announcementId }, { $set: { messageIds: 'not a list' } });

    const failed = await ledger.sending
      .markSent([...claims.values()].map((delivery, i) => ({ delivery, partsSent: 1, messageId: `m-${i}`, at: publishedAt })))
      .then(() => undefined, (error: Error) => error);

    expect(failed?.message).to.match(/must be an array/);
    const stored = await ledger.reports.list({ announcementId }, { limit: 10 });
    expect(stored.map((d) => ({ chatId: d.chatId, state: d.state }))).to.deep.equal([
      { chatId: 'c-1', state: 'sending' },
      { chatId: 'c-2', state: 'sent' },
    ]);
  });
});
