import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSportello, type RunningSportello, type StartOptions } from '../../src/main.js';

export interface TestStack {
  url: string;
  running: RunningSportello;
  dataDir: string;
  /** The bootstrap admin every stack starts with (see `test/support/auth.ts` to act as any role). */
  admin: { email: string; password: string };
  stop(): Promise<void>;
}

/**
 * The whole service as a user runs it (embedded engine, private Redis, simulator connectors), in test
 * mode, on a free port, with a fresh data folder that is removed afterwards. `env` overrides the
 * defaults; an `undefined` value removes one (e.g. `BOOTSTRAP_ADMIN_EMAIL: undefined`).
 */
export async function startTestStack(env: Record<string, string | undefined> = {}, options: StartOptions = {}): Promise<TestStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sportello-test-'));
  // Stacks that share a database across restarts pass the same admin in `env`.
  const admin = {
    email: env.BOOTSTRAP_ADMIN_EMAIL ?? 'admin@sportello.test',
    password: env.BOOTSTRAP_ADMIN_PASSWORD ?? randomBytes(18).toString('base64url'),
  };
  const running = await startSportello(
    {
      SPORTELLO_MODE: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      BOOTSTRAP_ADMIN_EMAIL: admin.email,
      BOOTSTRAP_ADMIN_PASSWORD: admin.password,
      ...env,
    },
    options,
  );
  return {
    url: running.url,
    running,
    dataDir,
    admin,
    async stop() {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
