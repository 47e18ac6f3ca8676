import { expect } from 'chai';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { call } from '../../support/http.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnService, type ServiceProcess } from '../../support/service-process.js';
import { startSharedInfra, type SharedInfra } from '../../support/shared-infra.js';
import { waitForAsync } from '../../support/wait-for.js';
import { messagesIn, publishAnnouncement, registerGroups, settled, startDispatchStack, summaryOf, waitForSummary, type ChatMessage, type DispatchStack } from './dispatch-api.js';

interface ListedDelivery {
  chatId: string;
  state: string;
  interruptions: number;
  messageIds: string[];
}

/** Sends that go through before the simulator holds one: the kill lands on the fifth delivery. */
const SENT_BEFORE_KILL = 4;

/**
 * The README's guarantee, at-least-once: a worker killed between the platform's send and our record of it makes
 * the next worker send that delivery again, so its group sees the message twice and no group misses it. The
 * simulator holds the fifth send after writing it to the chat (`holdAfterSends`), the test reads every chat of
 * that process, and only then kills it with SIGKILL: the kill lands while that delivery is `sending`, and what
 * the killed process's chats held is known.
 */
describe('dispatch: a worker process killed with SIGKILL while a delivery is sending', function () {
  this.timeout(90_000);
  const account = buildCommunityAccount({ id: 'sim-crash', languages: ['ur'], groupsPerLanguage: 12, rateLimit: { minIntervalMs: 150, dailyCap: 1000 } });
  const chatIds = account.chats.map((chat) => chat.chatId);
  const env = { CONNECTORS: JSON.stringify([account]), DISPATCH_LOCK_MS: '2000' };
  let infra: SharedInfra;
  let api: DispatchStack | undefined;
  let workers: ServiceProcess[] = [];
  const workerDirs: string[] = [];
  // `npm start` with the workers in the process (the default), so its simulator's chats can be read over HTTP.
  const startWorker = (): Promise<ServiceProcess> =>
    spawnService(['--import', 'tsx', 'src/main.ts'], {
      ...infra.env,
      ...env,
      SPORTELLO_MODE: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATA_DIR: workerDirs[workerDirs.push(mkdtempSync(join(tmpdir(), 'sportello-worker-'))) - 1] ?? '',
    });
  const chatsOf = async (worker: ServiceProcess): Promise<Map<string, ChatMessage[]>> => {
    const ctx = { stack: { url: worker.url }, admin: api!.admin } as Parameters<typeof messagesIn>[0];
    const chats = new Map<string, ChatMessage[]>();
    for (const chatId of chatIds) chats.set(chatId, (await messagesIn(ctx, account.id, chatId)).filter((m) => m.fromUs));
    return chats;
  };
  const total = (chats: Map<string, ChatMessage[]>): number => [...chats.values()].reduce((sum, messages) => sum + messages.length, 0);

  before(async () => (infra = await startSharedInfra()));
  after(async () => {
    for (const worker of workers) await worker.signal('SIGKILL');
    await api?.stack.stop();
    await infra?.stop();
    for (const dir of workerDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('restarted, the workers send every delivery; the interrupted one reaches its group twice, every other group once', async () => {
    api = await startDispatchStack([account], { ...infra.env, ...env, WORKERS_IN_PROCESS: 'false' });
    await registerGroups(api, [account]);
    const first = await startWorker();
    workers.push(first);
    const armed = await call({ url: first.url }, 'POST', `/api/v1/simulator/${account.id}/faults`, {
      headers: api.admin.headers,
      body: { holdAfterSends: SENT_BEFORE_KILL },
    });
    expect(armed.status, JSON.stringify(armed.body)).to.equal(202);

    const id = await publishAnnouncement(api, { approved: ['ur'] });
    // The held message is in its chat; every later send waits before reaching one, so this record is final.
    const beforeKill = await waitForAsync(
      async () => {
        const chats = await chatsOf(first);
        return total(chats) === SENT_BEFORE_KILL + 1 ? chats : undefined;
      },
      'the simulator to hold a send',
      30_000,
    );
    const atKill = await summaryOf(api, id);
    expect(atKill.byState).to.include({ sent: SENT_BEFORE_KILL, sending: 1 });
    expect(await first.signal('SIGKILL')).to.equal(null);
    workers = [];
    const second = await startWorker();
    workers.push(second);

    const summary = await waitForSummary(api, id, settled, 30_000);
    expect(summary.byState.sent).to.equal(12);
    const afterRestart = await chatsOf(second);

    const listed = await call(api.stack, 'GET', `/api/v1/announcements/${id}/deliveries?limit=100`, { headers: api.editor.headers });
    const deliveries = listed.body.items as ListedDelivery[];
    expect(deliveries).to.have.length(12);
    const interrupted = deliveries.filter((d) => d.interruptions > 0);
    expect(interrupted.map((d) => d.interruptions)).to.deep.equal([1]);
    const interruptedChat = interrupted[0]!.chatId;
    for (const delivery of deliveries) {
      const received = [...beforeKill.get(delivery.chatId)!, ...afterRestart.get(delivery.chatId)!];
      expect(received, delivery.chatId).to.have.length(delivery.chatId === interruptedChat ? 2 : 1);
      // The delivery records the message that the surviving process sent and answered.
      expect(delivery.messageIds, delivery.chatId).to.deep.equal([received.at(-1)!.id]);
    }
    expect(beforeKill.get(interruptedChat)).to.have.length(1);
    expect(afterRestart.get(interruptedChat)).to.have.length(1);
    expect(total(beforeKill) + total(afterRestart) - 12, 'duplicates').to.equal(1);
  });
});
