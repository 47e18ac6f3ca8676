import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { startPrivateRedis, type PrivateRedis } from '../../../src/platform/redis/private-redis-server.js';
import { citizenChat, buildQuestion } from '../../factories/inbox.factory.js';
import { citizenWrites, startInboxStack, waitForConversation, type InboxStack } from './inbox-api.js';

/** Everything Redis's append-only files hold, as production's compose runs it (appendonly yes). */
function appendOnlyFiles(dir: string): string {
  const aofDir = join(dir, 'appendonlydir');
  return readdirSync(aofDir)
    .map((name) => readFileSync(join(aofDir, name), 'latin1'))
    .join('\n');
}

describe('a citizen’s message and Redis’s append-only file', function () {
  this.timeout(120_000);
  let dir: string;
  let redis: PrivateRedis;
  let ctx: InboxStack;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sportello-aof-'));
    // Persistent, as in production: every write Redis takes goes to its append-only file.
    redis = await startPrivateRedis({ dataDir: join(dir, 'redis') });
    ctx = await startInboxStack({ REDIS_URL: redis.url });
  });

  after(async () => {
    await ctx.stack.stop();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a question stored through the intake queue: the AOF holds a reference to the spooled message, never its text, sender or chat id', async () => {
    const chat = citizenChat(7);
    const question = buildQuestion('Il mio permesso di soggiorno scade domani');

    await citizenWrites(ctx, chat, question);
    await waitForConversation(ctx, question, 30_000);
    // A command answered after the job's writes: Redis has handed them to the file by then (AOF is written before replies).
    const client = new Redis(redis.url);
    try {
      await client.ping();
    } finally {
      client.disconnect();
    }

    const aof = appendOnlyFiles(join(dir, 'redis'));
    expect(aof).to.match(/inbox_intake_[a-f0-9]{16}/);
    expect(aof).to.contain('"spooled"');
    expect(aof).not.to.contain(question);
    expect(aof).not.to.contain(chat.split('@')[0]);
  });

  it('the data folder and the spool: readable by the service’s user only', () => {
    const modeOf = (path: string) => statSync(path).mode & 0o777;

    expect(modeOf(ctx.stack.dataDir)).to.equal(0o700);
    expect(modeOf(join(ctx.stack.dataDir, 'inbox-spool', 'service'))).to.equal(0o700);
    expect(modeOf(join(ctx.stack.dataDir, 'inbox-spool', 'service', '.owner'))).to.equal(0o600);
  });
});
