// `npm run demo [-- --fresh]`: installs what is missing, then runs Sportello in demo mode in the
// foreground: embedded MongoDB-compatible engine and a private Redis with their data under .data/demo
// (kept across restarts; --fresh starts from empty), simulated chat connectors, sample content.
// Ctrl-C stops everything it started and keeps the data: the service stops its private Redis last (Redis runs in
// its own process group, so the terminal's Ctrl-C does not reach it first). The service is connected to this
// launcher by an IPC channel and stops by itself if the launcher is killed; a Redis that a kill -9 of the service
// left running is stopped by the next start (src/platform/redis/private-redis-server.ts).
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT, ensureNodeModules, ensureRedis } from './lib/bootstrap.mjs';

ensureNodeModules();
ensureRedis();

const dataDir = process.env.DATA_DIR ?? '.data/demo';
if (process.argv.includes('--fresh')) rmSync(resolve(ROOT, dataDir), { recursive: true, force: true });

const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: ROOT,
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  // The demo prints its URL and credentials; request logs would bury them (LOG_LEVEL=info brings them back).
  env: { SPORTELLO_MODE: 'demo', LOG_LEVEL: 'warn', ...process.env, DATA_DIR: dataDir },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
