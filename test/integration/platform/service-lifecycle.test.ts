import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateRedis, type PrivateRedis } from '../../../src/platform/redis/private-redis-server.js';
import { startTestStack } from '../../support/stack.js';
import { spawnService } from '../../support/service-process.js';

describe('service lifecycle', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sportello-life-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('/readyz while Redis stops and returns: 200, then 503 naming redis, then 200', async () => {
    const redis: PrivateRedis = await startPrivateRedis({ dataDir: join(dir, 'redis'), ephemeral: true });
    const stack = await startTestStack({ REDIS_URL: redis.url, DATA_DIR: join(dir, 'service') });
    let restarted: PrivateRedis | undefined;
    try {
      expect((await fetch(`${stack.url}/readyz`)).status).to.equal(200);

      await redis.stop();
      const down = await fetch(`${stack.url}/readyz`);
      const body = (await down.json()) as { checks: Array<{ name: string; ok: boolean }> };
      expect(down.status).to.equal(503);
      expect(body.checks.find((c) => c.name === 'redis')?.ok).to.equal(false);
      expect(body.checks.find((c) => c.name === 'mongodb')?.ok).to.equal(true);

      restarted = await startPrivateRedis({ dataDir: join(dir, 'redis'), ephemeral: true, port: redis.port });
      let status = 0;
      for (let attempt = 0; attempt < 100 && status !== 200; attempt++) {
        status = (await fetch(`${stack.url}/readyz`)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).to.equal(200);
    } finally {
      await stack.stop();
      await restarted?.stop();
    }
  });

  it('SIGTERM to a running service: it shuts down gracefully and exits 0', async () => {
    const service = await spawnService(['--import', 'tsx', 'src/main.ts'], {
      SPORTELLO_MODE: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      LOG_LEVEL: 'info',
    });
    expect((await fetch(`${service.url}/healthz`)).status).to.equal(200);

    const code = await service.signal('SIGTERM');

    expect(code, service.output()).to.equal(0);
    expect(service.output()).to.contain('shutting down');
  });

  it('npm run demo start-up path: prints its URL, answers /healthz, Ctrl-C exits 0', async () => {
    const demo = await spawnService(['scripts/demo.mjs', '--fresh'], { PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'warn' }, 120_000);
    const health = await fetch(`${demo.url}/healthz`);
    expect(health.status).to.equal(200);
    expect(await health.json()).to.deep.equal({ status: 'ok' });

    // The sample content: three announcements, the published one delivered in Chinese to the Chinese group.
    const token = /Admin API token: (\S+)/.exec(demo.output())?.[1];
    const headers = { authorization: `Bearer ${String(token)}` };
    const list = (await (await fetch(`${demo.url}/api/v1/announcements`, { headers })).json()) as { items: Array<{ status: string }> };
    expect(list.items).to.have.length(3);
    let chinese: Array<{ text: string; fromUs: boolean }> = [];
    for (let attempt = 0; attempt < 100 && chinese.length === 0; attempt++) {
      chinese = (await (await fetch(`${demo.url}/api/v1/simulator/sim-wechat/chats/room-zh-prato/messages`, { headers })).json()) as typeof chinese;
      if (chinese.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(chinese).to.have.length(1);
    expect(chinese[0]?.fromUs).to.equal(true);
    expect(chinese[0]?.text).to.contain('移民服务窗口');
    expect(chinese[0]?.text).to.contain(`${demo.url}/n/`);
    // The sample questions: three conversations in the inbox, by the language of each citizen.
    const inbox = (await (await fetch(`${demo.url}/api/v1/inbox/conversations`, { headers })).json()) as { items: Array<{ language: string }> };
    expect(inbox.items.map((c) => c.language)).to.have.members(['zh-Hans', 'ar', 'sq']);
    // Saved replies that answer them, for a mediator to try.
    const saved = (await (await fetch(`${demo.url}/api/v1/inbox/saved-replies?language=zh-Hans`, { headers })).json()) as { items: Array<{ title: string; text: string }> };
    expect(saved.items.map((r) => r.title)).to.deep.equal(['Orari dello sportello', 'Rinnovo del permesso: documenti']);
    // One citizen asked for the notices in her own chat: the next notice's reach counts her.
    const reach = (await (await fetch(`${demo.url}/api/v1/groups/reach?topics=permits`, { headers })).json()) as { items: Array<{ language: string; citizens: number }> };
    expect(reach.items.find((r) => r.language === 'zh-Hans')?.citizens).to.equal(1);

    expect(await demo.signal('SIGINT')).to.equal(0);
  });
});
