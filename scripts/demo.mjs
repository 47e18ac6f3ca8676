// `npm run demo [-- --fresh]`: installs what is missing, then runs Sportello in demo mode in the
// foreground: embedded MongoDB-compatible engine and a private Redis with their data under .data/demo
// (kept across restarts; --fresh starts from empty), simulated chat connectors, sample content.
// Ctrl-C stops everything it started and keeps the data: the service stops its private Redis last (Redis runs in
// its own process group, so the terminal's Ctrl-C does not reach it first). The service is connected to this
// launcher by an IPC channel and stops by itself if the launcher is killed; a Redis that a kill -9 of the service
// left running is stopped by the next start (src/platform/redis/private-redis-server.ts).
// Next to it runs a stand-in of WeChat's Official Account API (scripts/demo-official-account.ts) for the demo's
// Official Account and its followers.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT, ensureNodeModules, ensureRedis } from './lib/bootstrap.mjs';

ensureNodeModules();
ensureRedis();

const dataDir = process.env.DATA_DIR ?? '.data/demo';
if (process.argv.includes('--fresh')) rmSync(resolve(ROOT, dataDir), { recursive: true, force: true });

const port = process.env.PORT ?? '3000';
// Only for a demo: the launcher also runs the service in other modes (its lifecycle tests), where the Official
// Account's stand-in has no place.
const demoMode = (process.env.SPORTELLO_MODE ?? 'demo') === 'demo';
const officialAccount = demoMode
  ? spawn(process.execPath, ['--import', 'tsx', 'scripts/demo-official-account.ts'], {
      cwd: ROOT,
      // Its stdin is a pipe from this launcher: it ends itself when the launcher is gone, even after a kill -9.
      stdio: ['pipe', 'pipe', 'inherit'],
      // Its own process group, as Redis: the terminal's Ctrl-C must not stop it while the service still talks to it.
      detached: true,
      env: { ...process.env, PORT: port },
    })
  : undefined;
// Its first line is the address of the stand-in API.
const apiUrl = officialAccount ? (await createInterface({ input: officialAccount.stdout })[Symbol.asyncIterator]().next()).value : undefined;

const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: ROOT,
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  // The demo prints its URL and credentials; request logs would bury them (LOG_LEVEL=info brings them back).
  env: { SPORTELLO_MODE: 'demo', LOG_LEVEL: 'warn', ...process.env, PORT: port, DATA_DIR: dataDir, ...(apiUrl ? { DEMO_OFFICIAL_ACCOUNT_API: apiUrl } : {}) },
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  // The stand-in stops once the service has (below), so the service's last calls to it do not fail.
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  officialAccount?.kill('SIGTERM');
  process.exit(code ?? (signal ? 1 : 0));
});
