// `npm test`: installs what is missing, then lint, typecheck, unit, integration and end-to-end tests,
// and the MongoDB specification conformance run. Exits non-zero at the first failing step.
import { spawnSync } from 'node:child_process';
import { ROOT, ensureChromium, ensureNodeModules, ensureRedis } from './lib/bootstrap.mjs';

ensureNodeModules();
ensureRedis();
ensureChromium();

const steps = [
  ['lint', ['npx', 'eslint', '.']],
  ['typecheck', ['npx', 'tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['unit tests', ['npx', 'mocha', 'test/unit/**/*.test.ts']],
  ['integration and end-to-end tests', ['npx', 'mocha', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts']],
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
