import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { call } from '../../support/http.js';
import { spawnService, type ServiceProcess } from '../../support/service-process.js';
import { startSharedInfra, type SharedInfra } from '../../support/shared-infra.js';
import { publishAnnouncement, registerGroups, settled, startDispatchStack, waitForSummary, type DispatchStack } from '../dispatch/dispatch-api.js';

interface ListedDelivery {
  id: string;
  chatId: string;
  state: string;
  messageIds: string[];
}

/**
 * Issue #18: a process killed mid fan-out left its job active and its account's turn locked; the next process
 * waited for bull's stalled check (up to 3 × DISPATCH_LOCK_MS, 90 s by default). Now the process that starts
 * takes both over at once. The lock here is the default 30 s, so waiting for it would miss the 10 s.
 */
describe('chat accounts: a worker killed with SIGKILL while a delivery is being sent', function () {
  this.timeout(120_000);
  // Each send takes 1.5 s on the simulated network: the delivery is `sending` most of the time, as on a slow phone.
  const account = buildCommunityAccount({ id: 'sim-reclaim', languages: ['ur'], groupsPerLanguage: 6, latencyMs: 1500, rateLimit: { minIntervalMs: 100, dailyCap: 1000 } });
  const env = { CONNECTORS: JSON.stringify([account]) };
  let infra: SharedInfra;
  let api: DispatchStack | undefined;
  let workers: ServiceProcess[] = [];
  const dirs: string[] = [];
  const startWorker = (): Promise<ServiceProcess> => {
    const dir = mkdtempSync(join(tmpdir(), 'sportello-reclaim-'));
    dirs.push(dir);
    return spawnService(['--import', 'tsx', 'src/main.ts', '--worker'], { ...infra.env, ...env, SPORTELLO_MODE: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: dir });
  };
  const deliveriesOf = async (id: string): Promise<ListedDelivery[]> =>
    (await call(api!.stack, 'GET', `/api/v1/announcements/${id}/deliveries?limit=100`, { headers: api!.editor.headers })).body.items as ListedDelivery[];

  before(async () => (infra = await startSharedInfra()));
  after(async () => {
    for (const worker of workers) await worker.signal('SIGKILL');
    await api?.stack.stop();
    await infra?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('restarted, the new process sends the interrupted delivery within 10 s, and every group gets the notice', async () => {
    api = await startDispatchStack([account], { ...infra.env, ...env, WORKERS_IN_PROCESS: 'false' });
    await registerGroups(api, [account]);
    const first = await startWorker();
    workers.push(first);
    const id = await publishAnnouncement(api, { approved: ['ur'] });

    let inFlight: ListedDelivery | undefined;
    while (!inFlight) {
      const listed = await deliveriesOf(id);
      if (listed.some((d) => d.state === 'sent')) inFlight = listed.find((d) => d.state === 'sending');
      if (!inFlight) await sleep(50);
    }
    expect(await first.signal('SIGKILL')).to.equal(null);
    workers = [];

    const second = await startWorker();
    workers.push(second);
    const restarted = Date.now();
    let sent: ListedDelivery | undefined;
    while (!sent && Date.now() - restarted < 10_000) {
      sent = (await deliveriesOf(id)).find((d) => d.id === inFlight.id && d.state === 'sent');
      if (!sent) await sleep(100);
    }
    expect(sent, `delivery ${inFlight.id} still not sent 10 s after the restart`).to.not.equal(undefined);

    const summary = await waitForSummary(api, id, settled, 60_000);
    expect(summary.byState.sent).to.equal(6);
  });
});
