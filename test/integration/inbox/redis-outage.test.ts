import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../src/embedded-mongo/index.js';
import { startPrivateRedis, type PrivateRedis } from '../../../src/platform/redis/private-redis-server.js';
import { buildCitizensAccount, buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import { signInAsAdmin, type SignedInUser } from '../../support/auth.js';
import { call, type ApiResponse } from '../../support/http.js';
import { captureLogs } from '../../support/log-capture.js';
import { spawnService, type ServiceProcess } from '../../support/service-process.js';
import type { TestStack } from '../../support/stack.js';
import { waitForAsync } from '../../support/wait-for.js';
import { messagesIn } from '../dispatch/dispatch-api.js';
import { ACCOUNT, startInboxStack, waitForConversation, waitForOutboundSettled, type InboxStack } from './inbox-api.js';

/** The inbound call must answer well before Redis is back: the listener waits 5 s, then the message is spooled. */
const ANSWER_WITHIN_MS = 10_000;

/** A citizen writes through the simulator; resolves with the answer, or `undefined` if none came in time (the call hangs). */
async function citizenWritesWithin(ctx: { stack: Pick<TestStack, 'url'>; admin: SignedInUser }, chatId: string, text: string): Promise<ApiResponse | undefined> {
  const answered = call(ctx.stack, 'POST', `/api/v1/simulator/${ACCOUNT}/inbound`, {
    headers: ctx.admin.headers,
    body: { chatId, senderId: chatId, senderName: 'Citizen', text },
  });
  return Promise.race([answered, sleep(ANSWER_WITHIN_MS).then(() => undefined)]);
}

function spoolOf(dataDir: string): string {
  return join(dataDir, 'inbox-spool', 'service');
}

/** The spooled messages (the folder also holds its `.owner` id). */
function spooledIn(dataDir: string): string[] {
  return readdirSync(spoolOf(dataDir)).filter((name) => !name.startsWith('.'));
}

/**
 * The spooled copy is deleted only once the message is stored (and its acknowledgement queued): an empty spool
 * is the intake's end, after which `waitForOutboundSettled` is the acknowledgement's.
 */
async function waitForIntakeDone(dataDir: string): Promise<void> {
  await waitForAsync(async () => (spooledIn(dataDir).length === 0 ? true : undefined), 'the spool to be emptied', 30_000);
}

describe('inbox intake while Redis is down', function () {
  this.timeout(120_000);
  let dir: string;

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sportello-redis-outage-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a citizen writing while Redis is down: the call answers within seconds, and once Redis is back the message is stored and acknowledged once, the spool emptied, nothing personal logged', async () => {
    let redis: PrivateRedis | undefined = await startPrivateRedis({ dataDir: join(dir, 'redis'), ephemeral: true });
    const logs = captureLogs();
    let ctx: InboxStack | undefined;
    try {
      ctx = await startInboxStack({ REDIS_URL: redis.url, LOG_LEVEL: 'debug' }, { logDestination: logs.destination });
      const chat = citizenChat(3);
      const question = buildQuestion('Buongiorno, Redis è fermo?');
      const port = redis.port;
      await redis.stop();
      redis = undefined;

      const written = await citizenWritesWithin(ctx, chat, question);
      expect(written?.status, 'the inbound call answered while Redis was down').to.equal(201);
      const spooled = spooledIn(ctx.stack.dataDir);
      redis = await startPrivateRedis({ dataDir: join(dir, 'redis'), ephemeral: true, port });
      const conversation = await waitForConversation(ctx, question, 60_000);
      await waitForIntakeDone(ctx.stack.dataDir);
      await waitForOutboundSettled(ctx);

      expect(spooled).to.have.length(1);
      expect(conversation.messages.map((m: { text: string }) => m.text)).to.deep.equal([question]);
      expect((await messagesIn(ctx, ACCOUNT, chat)).filter((m) => m.fromUs)).to.have.length(1);
      expect(logs.text()).to.include('waits in the spool');
      expect(logs.text()).not.to.include(question);
      expect(logs.text()).not.to.include(chat.split('@')[0]);
    } finally {
      await ctx?.stack.stop();
      await redis?.stop();
    }
  });

  describe('and the service is killed before Redis is back', () => {
    let mongo: EmbeddedMongo | undefined;
    let redis: PrivateRedis | undefined;
    const services: ServiceProcess[] = [];
    const admin = { email: 'admin@sportello.test', password: randomBytes(18).toString('base64url') };

    afterEach(async () => {
      for (const service of services.splice(0)) await service.signal('SIGKILL');
      await redis?.stop();
      await mongo?.stop();
    });

    it('SIGKILL with the message only spooled, Redis back, service started again on the same data folder: the message is stored and acknowledged exactly once', async () => {
      mongo = await startEmbeddedMongo({ dataDir: join(dir, 'mongo') });
      redis = await startPrivateRedis({ dataDir: join(dir, 'redis'), ephemeral: true });
      const port = redis.port;
      const dataDir = join(dir, 'service');
      const startService = async (): Promise<{ stack: TestStack; admin: SignedInUser }> => {
        const service = await spawnService(['--import', 'tsx', 'src/main.ts'], {
          SPORTELLO_MODE: 'test',
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'silent',
          DATA_DIR: dataDir,
          MONGODB_URI: `${mongo!.uri}sportello`,
          REDIS_URL: `redis://127.0.0.1:${port}`,
          CONNECTORS: JSON.stringify([buildCitizensAccount()]),
          BOOTSTRAP_ADMIN_EMAIL: admin.email,
          BOOTSTRAP_ADMIN_PASSWORD: admin.password,
        });
        services.push(service);
        const stack = { url: service.url, admin, dataDir } as TestStack;
        return { stack, admin: await signInAsAdmin(stack) };
      };
      const first = await startService();
      const chat = citizenChat(4);
      const question = buildQuestion('Buonasera, il servizio si è fermato?');

      await redis.stop();
      redis = undefined;
      const written = await citizenWritesWithin(first, chat, question);
      expect(written?.status, 'the inbound call answered while Redis was down').to.equal(201);
      expect(await services[0]!.signal('SIGKILL')).to.equal(null);
      services.splice(0);
      const spooled = spooledIn(dataDir);
      const modes = spooled.map((name) => statSync(join(spoolOf(dataDir), name)).mode & 0o777);
      redis = await startPrivateRedis({ dataDir: join(dir, 'redis'), ephemeral: true, port });
      const second = await startService();
      const conversation = await waitForConversation(second, question, 60_000);
      await waitForIntakeDone(dataDir);
      await waitForOutboundSettled(second);

      expect(spooled).to.have.length(1);
      expect(modes).to.deep.equal([0o600]);
      expect(conversation.messages.map((m: { text: string }) => m.text)).to.deep.equal([question]);
      expect((await messagesIn(second, ACCOUNT, chat)).filter((m) => m.fromUs)).to.have.length(1);
    });
  });
});
