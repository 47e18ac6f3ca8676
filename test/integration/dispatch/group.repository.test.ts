import { expect } from 'chai';
import mongoose, { type Connection } from 'mongoose';
import { GroupRepository } from '../../../src/dispatch/group.repository.js';
import type { GroupInput } from '../../../src/dispatch/group.js';
import { startTempEngine, type TempEngine } from '../embedded-mongo/temp-engine.js';

const groupInput = (chatId: string): GroupInput => ({ account: 'sim-a', chatId, name: `Group ${chatId}`, language: 'ar', topics: [], enabled: true });

describe('group repository', () => {
  let temp: TempEngine;
  let db: Connection;
  let groups: GroupRepository;

  before(async () => {
    temp = await startTempEngine();
    db = await mongoose.createConnection(`${temp.engine.uri}groups`).asPromise();
    groups = new GroupRepository(db);
    await groups.init();
  });

  after(async () => {
    await db.close();
    await temp.dispose();
  });

  it('createMany, chats of which one is already registered, registers the others and returns only them', async () => {
    const existing = await groups.create(groupInput('c-2'));

    const created = await groups.createMany(['c-1', 'c-2', 'c-3'].map(groupInput));

    expect(created.map((g) => g.chatId)).to.deep.equal(['c-1', 'c-3']);
    const stored = await groups.list({ account: 'sim-a' }, { limit: 100 });
    expect(stored.map((g) => g.chatId)).to.have.members(['c-1', 'c-2', 'c-3']);
    expect(stored.find((g) => g.chatId === 'c-2')?.id).to.equal(existing?.id);
  });
});
