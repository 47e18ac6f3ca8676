import { expect } from 'chai';
import mongoose, { type Connection } from 'mongoose';
import { createSessionRepository, type SessionRepository } from '../../../src/identity/session.repository.js';
import { startTempEngine, type TempEngine } from '../embedded-mongo/temp-engine.js';

describe('session repository', () => {
  let temp: TempEngine;
  let db: Connection;
  let sessions: SessionRepository;
  const userId = '65a000000000000000000002';

  before(async () => {
    temp = await startTempEngine();
    db = await mongoose.createConnection(`${temp.engine.uri}sessions`).asPromise();
    sessions = createSessionRepository(db);
    await sessions.init();
  });

  after(async () => {
    await db.close();
    await temp.dispose();
  });

  it('the sessions collection, has a TTL index on expiresAt', async () => {
    const indexes = await db.collection('sessions').indexes();

    expect(indexes.find((i) => i.key.expiresAt === 1)).to.include({ expireAfterSeconds: 0 });
  });

  it('findLive, an expired session the TTL monitor has not removed yet, finds nothing', async () => {
    const now = new Date();
    await sessions.create('digest-expired', { userId, createdAt: new Date(now.getTime() - 7200_000), expiresAt: new Date(now.getTime() - 1000) });

    expect(await sessions.findLive('digest-expired', now)).to.equal(null);
  });

  it('deleteAllOf, a user with two sessions, ends both', async () => {
    const now = new Date();
    const later = new Date(now.getTime() + 3600_000);
    await sessions.create('digest-a', { userId, createdAt: now, expiresAt: later });
    await sessions.create('digest-b', { userId, createdAt: now, expiresAt: later });
    expect(await sessions.findLive('digest-a', now)).to.deep.equal({ userId, createdAt: now, expiresAt: later });

    await sessions.deleteAllOf(userId);

    expect(await sessions.findLive('digest-a', now)).to.equal(null);
    expect(await sessions.findLive('digest-b', now)).to.equal(null);
  });
});
