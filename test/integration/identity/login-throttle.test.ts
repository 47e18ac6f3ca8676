import { expect } from 'chai';
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLoginThrottle, DEFAULT_LOGIN_LIMITS } from '../../../src/identity/login-throttle.js';
import { startPrivateRedis, type PrivateRedis } from '../../../src/platform/redis/private-redis-server.js';

describe('login throttle on Redis', () => {
  let dir: string;
  let server: PrivateRedis;
  let redis: Redis;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sportello-throttle-'));
    server = await startPrivateRedis({ dataDir: dir, ephemeral: true });
    redis = new Redis(server.url);
  });

  after(async () => {
    await redis.quit();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => redis.flushdb());

  it('failures on one account from unknown browsers: five free, then waits that double up to a minute', async () => {
    const throttle = createLoginThrottle(redis);
    const waits: number[] = [];
    for (let failure = 1; failure <= 12; failure += 1) {
      waits.push(await throttle.recordFailure({ email: 'editor@comune.test', ip: `198.51.100.${failure}` }));
    }

    expect(waits).to.deep.equal([0, 0, 0, 0, 0, 2, 4, 8, 16, 32, 60, 60]);
    const refused = await throttle.assertAllowed({ email: 'editor@comune.test', ip: '192.0.2.1' }).catch((error: unknown) => error);
    expect(refused).to.have.property('retryAfterSeconds').within(1, 60);
  });

  it('failures from one address: twenty free, then waits that double up to fifteen minutes, for that address only', async () => {
    const throttle = createLoginThrottle(redis);
    const waits: number[] = [];
    for (let failure = 1; failure <= 30; failure += 1) {
      waits.push(await throttle.recordFailure({ email: `nobody-${failure}@comune.test`, ip: '203.0.113.7' }));
    }

    expect(waits.slice(0, 20).every((w) => w === 0)).to.equal(true);
    expect(waits.slice(20)).to.deep.equal([2, 4, 8, 16, 32, 64, 128, 256, 512, 900]);
    await throttle.assertAllowed({ email: 'colleague@comune.test', ip: '192.0.2.30' });
    const sprayer = await throttle.assertAllowed({ email: 'colleague@comune.test', ip: '203.0.113.7' }).catch((error: unknown) => error);
    expect(sprayer).to.have.property('retryAfterSeconds').within(513, 900);
  });

  it('a known browser: counts only its own failures, so strangers’ failures never make it wait', async () => {
    const throttle = createLoginThrottle(redis);
    for (let failure = 1; failure <= 8; failure += 1) await throttle.recordFailure({ email: 'editor@comune.test', ip: `198.51.100.${failure}` });

    await throttle.assertAllowed({ email: 'editor@comune.test', ip: '192.0.2.10', deviceId: 'browser-of-the-editor' });
    const stranger = await throttle.assertAllowed({ email: 'editor@comune.test', ip: '192.0.2.11' }).catch((error: unknown) => error);
    expect(stranger).to.have.property('code', 'auth.too_many_attempts');
  });

  it('counters in Redis: digests only, never the e-mail or the address', async () => {
    const throttle = createLoginThrottle(redis, DEFAULT_LOGIN_LIMITS);
    await throttle.recordFailure({ email: 'editor@comune.test', ip: '198.51.100.1', deviceId: 'browser-1' });

    const keys = await redis.keys('*');
    expect(keys).to.have.length(2);
    expect(keys.join(' ')).not.to.match(/editor|comune|198\.51|browser/);
  });
});
