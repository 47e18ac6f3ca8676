import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCommunityAccount } from '../../factories/dispatch.factory.js';
import { spawnService, type ServiceProcess } from '../../support/service-process.js';
import { startSharedInfra, type SharedInfra } from '../../support/shared-infra.js';
import { messagesIn, publishAnnouncement, registerGroups, settled, startDispatchStack, waitForSummary, type DispatchStack } from './dispatch-api.js';

describe('dispatch: two processes working the same queues', function () {
  this.timeout(90_000);
  const account = buildCommunityAccount({ id: 'sim-shared', languages: ['ar'], groupsPerLanguage: 10, rateLimit: { minIntervalMs: 200, dailyCap: 1000 } });
  const env = { CONNECTORS: JSON.stringify([account]) };
  const dataDir = mkdtempSync(join(tmpdir(), 'sportello-second-'));
  let infra: SharedInfra;
  let api: DispatchStack | undefined;
  let second: ServiceProcess | undefined;

  before(async () => (infra = await startSharedInfra()));
  after(async () => {
    await second?.signal('SIGTERM');
    await api?.stack.stop();
    await infra?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('each delivery is sent once by one of them, and the account interval holds across both', async () => {
    api = await startDispatchStack([account], { ...infra.env, ...env });
    second = await spawnService(['--import', 'tsx', 'src/main.ts'], {
      ...infra.env,
      ...env,
      SPORTELLO_MODE: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
    });
    await registerGroups(api, [account]);

    const id = await publishAnnouncement(api, { approved: ['ar'] });
    const summary = await waitForSummary(api, id, settled, 30_000);

    expect(summary.byState.sent).to.equal(10);
    const times: number[] = [];
    const senders = new Set<string>();
    for (const chat of account.chats) {
      const here = await messagesIn(api, account.id, chat.chatId);
      const there = await messagesIn({ stack: { url: second.url }, admin: api.admin } as Parameters<typeof messagesIn>[0], account.id, chat.chatId);
      expect(here.length + there.length, chat.chatId).to.equal(1);
      if (here.length) senders.add('api');
      if (there.length) senders.add('second');
      for (const m of [...here, ...there]) times.push(Date.parse(m.at));
    }
    times.sort((a, b) => a - b);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    expect(Math.min(...gaps), `gaps ${gaps.join(', ')}`).to.be.at.least(200 - 1);
    expect(senders.size, 'both processes took jobs').to.equal(2);
  });
});
