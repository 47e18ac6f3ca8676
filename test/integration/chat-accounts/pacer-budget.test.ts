import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { AccountPacer } from '../../../src/dispatch/account-pacer.js';
import type { DispatchAccount } from '../../../src/dispatch/index.js';
import type { SendBudget } from '../../../src/chat-accounts/index.js';
import { ContactHourlyLimit } from '../../../src/chat-accounts/index.js';
import { startPrivateRedis, type PrivateRedis } from '../../../src/platform/redis/private-redis-server.js';

describe('AccountPacer on Redis: the send budget (hourly cap, warm-up, automatic replies, per contact)', () => {
  let dir: string;
  let server: PrivateRedis;
  let redis: Redis;
  let pacer: AccountPacer;
  let accounts = 0;

  const anAccount = (budget: Partial<SendBudget> = {}): DispatchAccount => ({
    id: `budget-${(accounts += 1)}`,
    channel: 'whatsapp',
    rateLimit: { minIntervalMs: 0, maxIntervalMs: 0, dailyCap: 1000, ...budget },
  });

  async function sendOne(account: DispatchAccount, options: Parameters<AccountPacer['take']>[2] = {}): Promise<void> {
    const turn = await pacer.take(account, 1, options);
    if (turn.kind !== 'go') throw new Error(`expected the turn, got ${JSON.stringify(turn)}`);
    await pacer.release(account, turn.token, 1);
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sportello-budget-'));
    server = await startPrivateRedis({ dataDir: dir, ephemeral: true });
    redis = new Redis(server.url);
    pacer = new AccountPacer(redis, { lockMs: 5000, timeZone: 'Europe/Rome', prefix: 'test-budget' });
  });

  after(async () => {
    redis.disconnect();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an account at its hourly cap, is refused until the next clock hour, and the count shows in its status', async () => {
    const account = anAccount({ hourlyCap: 3 });
    for (let i = 0; i < 3; i += 1) await sendOne(account);

    const turn = await pacer.take(account, 1);
    expect(turn.kind).to.equal('hourly_cap');
    if (turn.kind === 'hourly_cap') expect(turn.reopensInMs).to.be.within(1, 60 * 60 * 1000);
    expect((await pacer.status(account)).sentThisHour).to.equal(3);
  });

  it('an answer to a citizen, is never refused by the hourly cap but counts toward it', async () => {
    const account = anAccount({ hourlyCap: 1 });
    await sendOne(account);
    await sendOne(account, { rank: 'reply', capped: false });
    expect((await pacer.status(account)).sentThisHour).to.equal(2);
  });

  it('a new number on its first day, is held by the warm-up cap, not the daily cap', async () => {
    const account = anAccount({ dailyCap: 100, warmUp: { days: 10, firstDayCap: 2 } });
    await sendOne(account);
    await sendOne(account);

    expect((await pacer.take(account, 1)).kind).to.equal('daily_cap');
    const status = await pacer.status(account);
    expect(status).to.include({ sentToday: 2, dailyCapToday: 2, warmUpDay: 0 });
  });

  it('a number whose warm-up started long ago, has its full daily cap', async () => {
    const account = anAccount({ dailyCap: 100, warmUp: { days: 10, firstDayCap: 2, since: '2020-01-01' } });
    await sendOne(account);
    await sendOne(account);
    await sendOne(account);
    expect((await pacer.status(account)).dailyCapToday).to.equal(100);
  });

  it('automatic replies with notices waiting, take at most 2 of every 8 turns', async () => {
    const account = anAccount({ minIntervalMs: 30, maxIntervalMs: 30 });
    const order: string[] = [];
    const sender = async (kind: 'automatic' | 'normal', count: number): Promise<void> => {
      for (let sent = 0; sent < count; ) {
        const turn = await pacer.take(account, 1, { rank: kind });
        if (turn.kind !== 'go') {
          await sleep(turn.kind === 'wait' ? turn.ms : 10);
          continue;
        }
        order.push(kind === 'automatic' ? 'a' : 'n');
        await pacer.release(account, turn.token, 1);
        sent += 1;
      }
    };
    // Four citizens' keyword bursts and one notice, all waiting for the account at once.
    await Promise.all([sender('automatic', 10), sender('automatic', 10), sender('automatic', 10), sender('automatic', 10), sender('normal', 16)]);

    const lastNotice = order.lastIndexOf('n');
    for (let start = 0; start + 8 <= lastNotice; start += 1) {
      const window = order.slice(start, start + 8);
      expect(window.filter((k) => k === 'a').length, order.join('')).to.be.at.most(2);
    }
  });

  it('a citizen chat at its per-contact limit, is refused for the hour; another chat of the account is not', async () => {
    const limit = new ContactHourlyLimit(redis, 'test-budget');
    expect((await limit.take('acc', 'chat-1', 2, 1)).ok).to.equal(true);
    expect((await limit.take('acc', 'chat-1', 2, 1)).ok).to.equal(true);
    expect((await limit.take('acc', 'chat-1', 2, 1)).ok).to.equal(false);
    expect((await limit.take('acc', 'chat-2', 2, 1)).ok).to.equal(true);
    expect((await redis.keys('test-budget:contact:*')).join(' ')).not.to.include('chat-1');
  });
});
