import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSportello, type RunningSportello } from '../../src/main.js';

export interface TestStack {
  url: string;
  running: RunningSportello;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * The whole service as a user runs it (embedded engine, private Redis, simulator connectors), in test
 * mode, on a free port, with a fresh data folder that is removed afterwards.
 */
export async function startTestStack(env: Record<string, string> = {}): Promise<TestStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sportello-test-'));
  const running = await startSportello({
    SPORTELLO_MODE: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...env,
  });
  return {
    url: running.url,
    running,
    dataDir,
    async stop() {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
