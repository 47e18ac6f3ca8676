import { expect } from 'chai';
import mongoose, { type Connection } from 'mongoose';
import { createAuditRepository } from '../../../src/identity/audit.repository.js';
import { createAuditLog, MalformedAuditAction, type AuditLog } from '../../../src/identity/audit.service.js';
import { startTempEngine, type TempEngine } from '../embedded-mongo/temp-engine.js';

describe('audit log', () => {
  let temp: TempEngine;
  let db: Connection;
  let audit: AuditLog;
  const editor = { type: 'user', id: '65a000000000000000000001', email: 'editor@comune.example' } as const;

  before(async () => {
    temp = await startTempEngine();
    db = await mongoose.createConnection(`${temp.engine.uri}audit`).asPromise();
    const repository = createAuditRepository(db);
    await repository.init();
    audit = createAuditLog(repository);
  });

  after(async () => {
    await db.close();
    await temp.dispose();
  });

  it('record, a publish by an editor, stores actor, target, time and details', async () => {
    const at = new Date('2026-03-01T09:00:00Z');

    const event = await audit.record({ actor: editor, action: 'announcement.published', target: { type: 'announcement', id: 'a1' }, at, details: { groups: 4 } });

    const [stored] = await audit.list({ targetType: 'announcement', targetId: 'a1', limit: 10 });
    expect(stored).to.deep.equal({ id: event.id, at, actor: editor, action: 'announcement.published', target: { type: 'announcement', id: 'a1' }, details: { groups: 4 } });
  });

  it('record, without time, target or details, defaults them', async () => {
    const before = Date.now();

    const event = await audit.record({ actor: { type: 'system' }, action: 'retention.purged' });

    expect(event.at.getTime()).to.be.at.least(before);
    expect(event.target).to.equal(null);
    expect(event.details).to.deep.equal({});
  });

  it('record, an action that is not feature.verb, is refused', async () => {
    const error = await audit.record({ actor: editor, action: 'Published!' }).then(() => undefined, (e: unknown) => e);

    expect(error).to.be.instanceOf(MalformedAuditAction);
  });

  it('list, newest first, pages back in time with before', async () => {
    for (const n of [1, 2, 3]) await audit.record({ actor: editor, action: 'announcement.cancelled', target: { type: 'announcement', id: `c${n}` } });

    const first = await audit.list({ action: 'announcement.cancelled', limit: 2 });
    const second = await audit.list({ action: 'announcement.cancelled', limit: 2, before: first[1]?.id });

    expect(first.map((e) => e.target?.id)).to.deep.equal(['c3', 'c2']);
    expect(second.map((e) => e.target?.id)).to.deep.equal(['c1']);
  });
});
