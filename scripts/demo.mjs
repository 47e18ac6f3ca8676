// `npm run demo [-- --fresh]`: installs what is missing, then runs Sportello in demo mode in the
// foreground: embedded MongoDB-compatible engine and a private Redis with their data under .data/demo
// (kept across restarts; --fresh starts from empty), simulated chat connectors, sample content.
// Ctrl-C stops everything it started and keeps the data.
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
  stdio: 'inherit',
  // The demo prints its URL and credentials; request logs would bury them (LOG_LEVEL=info brings them back).
  env: { SPORTELLO_MODE: 'demo', LOG_LEVEL: 'warn', ...process.env, DATA_DIR: dataDir },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
