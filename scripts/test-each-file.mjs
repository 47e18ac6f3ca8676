// `node scripts/test-each-file.mjs [--each-test] [--reverse] [--jobs N] [files…]`: runs every test file in a mocha process of its
// own (all of test/ when no file is given), so a test that passes only after another file has built its data
// fails here. `--each-test` goes further: every test alone (`mocha --grep` on its full title), in a process
// of its own, which catches a test that leans on an earlier test of its file. `--reverse` runs each file (or test)
// with `--require test/support/reverse-order.mjs`, every suite's tests in the reverse of their written order, which
// catches the same leaning in one process per file instead of one per test (#23). `--jobs N` (default 1) runs N of
// those processes at once; each integration process starts its own stack (engine, redis-server), so they do not
// share state, but more than 2 on a small machine turns waits into timeouts. Not part of `npm test`: one
// process per file (and per test) costs minutes the whole suite in one process does not.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/bootstrap.mjs';

const args = process.argv.slice(2);
const eachTest = args.includes('--each-test');
const reverse = args.includes('--reverse');
const jobsAt = args.indexOf('--jobs');
const jobs = jobsAt >= 0 ? Number(args[jobsAt + 1]) : 1;
if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`--jobs wants a whole number ≥ 1, not ${args[jobsAt + 1]}`);
const given = args.filter((arg, index) => !arg.startsWith('--') && !(jobsAt >= 0 && index === jobsAt + 1));
const allTestFiles = () =>
  ['unit', 'integration', 'e2e'].flatMap((tier) =>
    readdirSync(join(ROOT, 'test', tier), { recursive: true })
      .filter((path) => path.endsWith('.test.ts'))
      .map((path) => join('test', tier, path)),
  );
const files = given.length > 0 ? given : allTestFiles().sort();

const mochaEnv = { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' };
// Straight to mocha's script rather than through npx: npx's own start-up is a second per process, times hundreds.
const MOCHA = join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
const REVERSE_ORDER = join(ROOT, 'test', 'support', 'reverse-order.mjs');
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The full titles of a file's tests, without running them; throws with mocha's output when the file does not load. */
function titlesOf(file) {
  const listed = spawnSync(process.execPath, [MOCHA, '--dry-run', '--reporter', 'json', file], { cwd: ROOT, encoding: 'utf8', env: mochaEnv });
  if (listed.status !== 0) throw new Error(`${listed.stdout}${listed.stderr}`);
  return JSON.parse(listed.stdout.slice(listed.stdout.indexOf('{'))).tests.map((test) => test.fullTitle);
}

/** One mocha process; resolves with its exit status and output (never rejects: a failed run is a result). */
function mocha(extra) {
  return new Promise((resolve) => {
    const order = reverse ? ['--require', REVERSE_ORDER] : [];
    const child = spawn(process.execPath, [MOCHA, '--reporter', 'dot', ...order, ...extra], { cwd: ROOT, env: mochaEnv });
    let output = '';
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (status) => resolve({ status, stdout, output }));
  });
}

const failures = [];
const runs = [];
for (const file of files) {
  if (!eachTest) {
    runs.push({ name: file, extra: [file] });
    continue;
  }
  try {
    for (const title of titlesOf(file)) runs.push({ name: `${file} › ${title}`, extra: ['--grep', `^${escapeRegExp(title)}$`, file] });
  } catch (error) {
    failures.push(file);
    process.stdout.write(`FAIL  listing ${file}\n${error.message}\n`);
  }
}

const started = Date.now();
let next = 0;
async function work() {
  while (next < runs.length) {
    const run = runs[next++];
    const runStarted = Date.now();
    const result = await mocha(run.extra);
    const seconds = ((Date.now() - runStarted) / 1000).toFixed(1);
    const passed = result.status === 0 && !/\b0 passing\b/.test(result.stdout);
    process.stdout.write(`${passed ? 'pass' : 'FAIL'} ${seconds.padStart(6)} s  ${run.name}\n`);
    if (!passed) {
      failures.push(run.name);
      process.stdout.write(`${result.output}\n`);
    }
  }
}
await Promise.all(Array.from({ length: Math.min(jobs, runs.length) }, work));
process.stdout.write(`\n${failures.length} failed of ${runs.length} runs, in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
process.exit(failures.length > 0 ? 1 : 0);
