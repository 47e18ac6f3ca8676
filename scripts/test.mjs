// `npm test`: installs what is missing, then lint, typecheck, unit, integration and end-to-end tests,
// and the MongoDB specification conformance run. Exits non-zero at the first failing step.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { ROOT, ensureChromium, ensureNodeModules, ensureRedis } from './lib/bootstrap.mjs';

// Integration and end-to-end files mostly wait (queues, paces, timers, a browser drawing) and each starts its own
// engine, Redis and service on free ports and temporary folders, so a few files at a time share the cores without
// sharing state. One more process than cores keeps them busy while the others wait; e2e first, as its browser
// files are the longest and would otherwise finish last, alone.
const jobs = String(availableParallelism() + 1);

ensureNodeModules();
ensureRedis();
ensureChromium();

const steps = [
  ['lint', ['npx', 'eslint', '.']],
  ['typecheck', ['npx', 'tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['unit tests', ['npx', 'mocha', 'test/unit/**/*.test.ts']],
  ['integration and end-to-end tests', ['npx', 'mocha', '--parallel', '--jobs', jobs, 'test/e2e/**/*.test.ts', 'test/integration/**/*.test.ts']],
  ['MongoDB specification conformance of the embedded engine', ['npm', 'run', '--silent', 'conformance']],
];

for (const [name, [command, ...args]] of steps) {
  process.stderr.write(`\n== ${name}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT, env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' } });
  if (result.status !== 0) {
    process.stderr.write(`\n${name} failed\n`);
    process.exit(result.status ?? 1);
  }
  process.stderr.write(`== ${name}: passed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
