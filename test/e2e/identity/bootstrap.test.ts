import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { startSportello } from '../../../src/main.js';
import { call } from '../../support/http.js';
import { spawnService } from '../../support/service-process.js';
import { startTestStack } from '../../support/stack.js';
import { waitFor } from '../../support/wait-for.js';

describe('first admin', () => {
  it('demo mode, returns a random password and an API token that both work', async () => {
    const stack = await startTestStack({ SPORTELLO_MODE: 'demo', BOOTSTRAP_ADMIN_EMAIL: undefined, BOOTSTRAP_ADMIN_PASSWORD: undefined });
    try {
      const demo = stack.running.demoCredentials;
      expect(demo?.password).to.match(/^[\w-]{16}$/);

      const login = await call(stack, 'POST', '/api/v1/auth/login', { body: { email: demo?.email, password: demo?.password } });
      const users = await call(stack, 'GET', '/api/v1/users', { headers: { authorization: `Bearer ${String(demo?.token)}` } });

      expect(login.status).to.equal(200);
      expect(users.status).to.equal(200);
    } finally {
      await stack.stop();
    }
  });

  it('demo mode with DEMO_ADMIN_TOKEN, makes that value the admin token', async () => {
    const fixed = 'demo-token-for-scripts-0123456789';
    const stack = await startTestStack({ SPORTELLO_MODE: 'demo', BOOTSTRAP_ADMIN_EMAIL: undefined, BOOTSTRAP_ADMIN_PASSWORD: undefined, DEMO_ADMIN_TOKEN: fixed });
    try {
      expect(stack.running.demoCredentials?.token).to.equal(fixed);
      const users = await call(stack, 'GET', '/api/v1/users', { headers: { authorization: `Bearer ${fixed}` } });
      expect(users.status).to.equal(200);
    } finally {
      await stack.stop();
    }
  });

  it('a restart on the same data, keeps the bootstrap admin and in demo mode replaces password and token', async () => {
    const stack = await startTestStack({ SPORTELLO_MODE: 'demo', BOOTSTRAP_ADMIN_EMAIL: undefined, BOOTSTRAP_ADMIN_PASSWORD: undefined });
    const first = stack.running.demoCredentials;
    await stack.running.stop();
    const again = await startSportello({ SPORTELLO_MODE: 'demo', PORT: '0', HOST: '127.0.0.1', DATA_DIR: stack.dataDir, LOG_LEVEL: 'silent' });
    try {
      const second = again.demoCredentials;
      expect(second?.email).to.equal(first?.email);
      expect(second?.password).not.to.equal(first?.password);
      const old = await call(again, 'GET', '/api/v1/users', { headers: { authorization: `Bearer ${String(first?.token)}` } });
      const fresh = await call(again, 'GET', '/api/v1/users', { headers: { authorization: `Bearer ${String(second?.token)}` } });
      expect(old.status).to.equal(401);
      expect(fresh.status).to.equal(200);
      expect(fresh.body.items.filter((u: { role: string }) => u.role === 'admin')).to.have.length(1);
    } finally {
      await again.stop();
      rmSync(stack.dataDir, { recursive: true, force: true });
    }
  });

  it('npm run demo’s process, prints the admin e-mail, password and token after its URL', async () => {
    const stack = await startTestStack();
    await stack.stop();
    const demo = await spawnService(['--import', 'tsx', 'src/main.ts'], { SPORTELLO_MODE: 'demo', PORT: '0', HOST: '127.0.0.1', DATA_DIR: stack.dataDir, LOG_LEVEL: 'warn' });
    try {
      // Printed after the URL line, which `spawnService` waited for: the event is the lines themselves.
      const credentials = /Admin e-mail: +(\S+)\nAdmin password: +(\S+)\nAdmin API token: +(\S+)/;
      const printed = await waitFor(() => credentials.exec(demo.output()) ?? undefined, 'the admin credentials after the URL', 20_000);
      expect(demo.output().indexOf('running at')).to.be.below(printed.index);
      const login = await call(demo, 'POST', '/api/v1/auth/login', { body: { email: printed[1], password: printed[2] } });
      const users = await call(demo, 'GET', '/api/v1/users', { headers: { authorization: `Bearer ${String(printed[3])}` } });
      expect(login.status).to.equal(200);
      expect(users.status).to.equal(200);
    } finally {
      expect(await demo.signal('SIGTERM')).to.equal(0);
      rmSync(stack.dataDir, { recursive: true, force: true });
    }
  });
});
