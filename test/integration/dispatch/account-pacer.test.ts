import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { AccountPacer } from '../../../src/chat-accounts/index.js';
import type { DispatchAccount } from '../../../src/dispatch/index.js';
import { startPrivateRedis, type PrivateRedis } from '../../../src/platform/redis/private-redis-server.js';

const INTERVAL_MS = 200;

describe('AccountPacer on Redis: who goes first, and the daily cap', () => {
  let dir: string;
  let server: PrivateRedis;
  let redis: Redis;
  let pacer: AccountPacer;
  let accounts = 0;

  /** A fresh account per test, so no turn of another test is still running on it. */
  const anAccount = (dailyCap = 1000): DispatchAccount => ({ id: `pace-${(accounts += 1)}`, channel: 'whatsapp', rateLimit: { minIntervalMs: INTERVAL_MS, dailyCap } });

  /** Sends one message on the account now, so the next turn opens one spaced gap later. */
  async function sendOne(account: DispatchAccount, options: Parameters<AccountPacer['take']>[2] = {}): Promise<void> {
    const turn = await pacer.take(account, 1, options);
    if (turn.kind !== 'go') throw new Error(`expected the turn, got ${JSON.stringify(turn)}`);
    await pacer.release(account, turn.token, 1);
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sportello-pacer-'));
    server = await startPrivateRedis({ dataDir: dir, ephemeral: true });
    redis = new Redis(server.url);
    pacer = new AccountPacer(redis, { lockMs: 5000, timeZone: 'Europe/Rome', prefix: 'test-pacer' });
  });

  after(async () => {
    redis.disconnect();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  // Urgent notices first, then the inbox's answers (a citizen is waiting), then normal notices.
  for (const [first, then] of [['reply', 'normal'], ['urgent', 'reply']] as const) {
    it(`a waiting ${first} send, goes before a ${then} one that asks once the slot is open`, async () => {
      const account = anAccount();
      await sendOne(account);
      expect((await pacer.take(account, 1, { rank: first })).kind).to.equal('wait');

      await sleep(INTERVAL_MS * 1.25 + 20);

      expect((await pacer.take(account, 1, { rank: then })).kind).to.equal('wait');
      expect((await pacer.take(account, 1, { rank: first })).kind).to.equal('go');
    });
  }

  it('a reply, is never refused by the daily cap but counts toward it', async () => {
    const account = anAccount(2);
    await sendOne(account, { rank: 'reply', capped: false });
    await sleep(INTERVAL_MS * 1.25 + 20);
    await sendOne(account);
    await sleep(INTERVAL_MS * 1.25 + 20);

    expect((await pacer.take(account, 1)).kind).to.equal('daily_cap');
    expect((await pacer.take(account, 1, { rank: 'reply', capped: false })).kind).to.equal('go');
  });

  it('a Redis that lost its scripts (a restart, SCRIPT FLUSH) still paces: the scripts are sent again', async () => {
    const account = anAccount();
    await sendOne(account);
    await redis.script('FLUSH');

    expect((await pacer.take(account, 1)).kind).to.equal('wait');
    await sleep(INTERVAL_MS * 1.25 + 20);
    await sendOne(account);
    expect((await pacer.take(account, 1)).kind).to.equal('wait');
  });
});
