import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startPrivateRedis, type PrivateRedis } from '../../../src/platform/redis/private-redis-server.js';
import { killHard, spawnChildEngine, type ChildEngine } from '../../integration/embedded-mongo/child-engine.js';
import { signInAsAdmin, type SignedInUser } from '../../support/auth.js';
import { call, type ApiResponse } from '../../support/http.js';
import { startTestStack, type TestStack } from '../../support/stack.js';

/** Calls until `done` holds for the answer (the service noticing an outage, or its end), or gives up after `timeoutMs`. */
async function callUntil(request: () => Promise<ApiResponse>, done: (r: ApiResponse) => boolean, what: string, timeoutMs = 60_000): Promise<ApiResponse> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await request();
    if (done(response)) return response;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last answer ${response.status} ${JSON.stringify(response.body)}`);
    await sleep(200);
  }
}

function expectOutage(response: ApiResponse, dependency: 'mongodb' | 'redis'): void {
  expect(response.status, JSON.stringify(response.body)).to.equal(503);
  expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect(response.headers.get('retry-after')).to.equal('5');
  expect(response.body).to.include({ type: '/problems/service.unavailable', dependency });
}

describe('outages of MongoDB and Redis, seen through HTTP', function () {
  this.timeout(180_000);
  let dir: string;
  let engine: ChildEngine;
  let redis: PrivateRedis;
  let stack: TestStack;
  let admin: SignedInUser;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sportello-outage-http-'));
    engine = await spawnChildEngine(join(dir, 'mongo'));
    redis = await startPrivateRedis({ dataDir: join(dir, 'redis'), ephemeral: true });
    stack = await startTestStack({ MONGODB_URI: `${engine.uri}sportello`, REDIS_URL: redis.url });
    admin = await signInAsAdmin(stack);
  });

  after(async () => {
    await stack.stop();
    await redis.stop();
    await killHard(engine);
    rmSync(dir, { recursive: true, force: true });
  });

  it('MongoDB down: the API answers 503 with Retry-After, sign-in says the database is unreachable, the probe still answers; all back when it returns', async () => {
    const port = new URL(engine.uri).port;
    await killHard(engine);

    const users = await callUntil(() => call(stack, 'GET', '/api/v1/users', { headers: admin.headers }), (r) => r.status === 503, 'a 503 for the API');
    const again = await call(stack, 'GET', '/api/v1/users', { headers: admin.headers });
    const signIn = await call(stack, 'POST', '/api/v1/auth/login', { body: stack.admin });
    const health = await call(stack, 'GET', '/healthz');

    expectOutage(users, 'mongodb');
    expectOutage(again, 'mongodb');
    expectOutage(signIn, 'mongodb');
    expect(signIn.body.detail).to.equal('sign-in is unavailable: the database (MongoDB) is not reachable; try again in a few seconds');
    expect(health.status).to.equal(200);

    engine = await spawnChildEngine(join(dir, 'mongo'), ['--port', port]);
    const back = await callUntil(() => call(stack, 'GET', '/api/v1/users', { headers: admin.headers }), (r) => r.status !== 503, 'the API back');
    expect(back.status).to.equal(200);
  });

  it('Redis down: sign-in answers 503 saying Redis is unreachable, reading stays possible; sign-in works again when Redis returns', async () => {
    await redis.stop();

    const signIn = await callUntil(() => call(stack, 'POST', '/api/v1/auth/login', { body: stack.admin }), (r) => r.status === 503, 'a 503 for sign-in');
    const write = await call(stack, 'POST', '/api/v1/groups', { headers: admin.headers, body: {} });
    const read = await call(stack, 'GET', '/api/v1/users', { headers: admin.headers });

    expectOutage(signIn, 'redis');
    expect(signIn.body.detail).to.equal('sign-in is unavailable: the queue and sign-in store (Redis) is not reachable; try again in a few seconds');
    expectOutage(write, 'redis');
    expect(read.status).to.equal(200);

    redis = await startPrivateRedis({ dataDir: join(dir, 'redis'), ephemeral: true, port: redis.port });
    const back = await callUntil(() => call(stack, 'POST', '/api/v1/auth/login', { body: stack.admin }), (r) => r.status !== 503, 'sign-in back');
    expect(back.status).to.equal(200);
  });
});
