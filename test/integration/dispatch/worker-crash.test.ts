import { expect } from 'chai';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { call } from '../../support/http.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnService, type ServiceProcess } from '../../support/service-process.js';
import { startSharedInfra, type SharedInfra } from '../../support/shared-infra.js';
import { messagesIn, publishAnnouncement, registerGroups, settled, startDispatchStack, waitForSummary, type DispatchStack } from './dispatch-api.js';

interface ListedDelivery {
  chatId: string;
  state: string;
  interruptions: number;
  messageIds: string[];
}

/**
 * The README's guarantee, at-least-once: a worker killed between the platform's send and our record of it makes
 * the next worker send that delivery again. This test kills the worker process for real in the middle of a fan-out.
 */
describe('dispatch: a worker process killed with SIGKILL in the middle of a fan-out', function () {
  this.timeout(90_000);
  const account = buildCommunityAccount({ id: 'sim-crash', languages: ['ur'], groupsPerLanguage: 12, rateLimit: { minIntervalMs: 150, dailyCap: 1000 } });
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

  before(async () => (infra = await startSharedInfra()));
  after(async () => {
    for (const worker of workers) await worker.signal('SIGKILL');
    await api?.stack.stop();
    await infra?.stop();
    for (const dir of workerDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('restarted, the workers end every delivery sent; each chat got exactly one message except, at most, the one delivery interrupted', async () => {
    api = await startDispatchStack([account], { ...infra.env, ...env, WORKERS_IN_PROCESS: 'false' });
    await registerGroups(api, [account]);
    const first = await startWorker();
    workers.push(first);

    const id = await publishAnnouncement(api, { approved: ['ur'] });
    await waitForSummary(api, id, (s) => (s.byState.sent ?? 0) >= 4);
    expect(await first.signal('SIGKILL')).to.equal(null);
    workers = [];
    const second = await startWorker();
    workers.push(second);

    const summary = await waitForSummary(api, id, settled, 30_000);
    expect(summary.byState.sent).to.equal(12);

    const listed = await call(api.stack, 'GET', `/api/v1/announcements/${id}/deliveries?limit=100`, { headers: api.editor.headers });
    const deliveries = listed.body.items as ListedDelivery[];
    expect(deliveries.filter((d) => d.interruptions > 0).length).to.be.at.most(1);
    let sentBySecond = 0;
    for (const delivery of deliveries) {
      expect(delivery.messageIds, delivery.chatId).to.have.length(1);
      // The second process's simulator holds only what it sent itself.
      const received = await messagesIn({ stack: { url: second.url }, admin: api.admin } as Parameters<typeof messagesIn>[0], account.id, delivery.chatId);
      expect(received.length, delivery.chatId).to.be.at.most(1);
      if (received.length === 1) {
        expect(received[0]?.id).to.equal(delivery.messageIds[0]);
        sentBySecond += 1;
      }
    }
    expect(sentBySecond).to.be.within(1, 8);
  });
});
