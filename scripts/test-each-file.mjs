// `node scripts/test-each-file.mjs [--each-test] [files…]`: runs every test file in a mocha process of its own
// (all of test/ when no file is given), so a test that passes only after another file has built its data
// fails here. `--each-test` goes further: every test alone (`mocha --grep` on its full title), in a process
// of its own, which catches a test that leans on an earlier test of its file. Not part of `npm test`: one
// process per file (and per test) costs minutes the whole suite in one process does not.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/bootstrap.mjs';

const args = process.argv.slice(2);
const eachTest = args.includes('--each-test');
const given = args.filter((arg) => !arg.startsWith('--'));
const allTestFiles = () =>
  ['unit', 'integration', 'e2e'].flatMap((tier) =>
    readdirSync(join(ROOT, 'test', tier), { recursive: true })
      .filter((path) => path.endsWith('.test.ts'))
      .map((path) => join('test', tier, path)),
  );
const files = given.length > 0 ? given : allTestFiles().sort();

const mocha = (extra) => spawnSync('npx', ['mocha', ...extra], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' } });
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The full titles of a file's tests, without running them. */
function titlesOf(file) {
  const listed = mocha(['--dry-run', '--reporter', 'json', file]);
  const report = JSON.parse(listed.stdout.slice(listed.stdout.indexOf('{')));
  return report.tests.map((test) => test.fullTitle);
}

const failures = [];
const started = Date.now();
for (const file of files) {
  const runs = eachTest ? titlesOf(file).map((title) => ({ name: `${file} › ${title}`, extra: ['--grep', `^${escapeRegExp(title)}$`, file] })) : [{ name: file, extra: [file] }];
  for (const run of runs) {
    const runStarted = Date.now();
    const result = mocha(['--reporter', 'dot', ...run.extra]);
    const seconds = ((Date.now() - runStarted) / 1000).toFixed(1);
    const passed = result.status === 0 && !/\b0 passing\b/.test(result.stdout);
    process.stdout.write(`${passed ? 'pass' : 'FAIL'} ${seconds.padStart(6)} s  ${run.name}\n`);
    if (!passed) {
      failures.push(run.name);
      process.stdout.write(`${result.stdout}${result.stderr}\n`);
    }
  }
}
process.stdout.write(`\n${failures.length} failed of the runs above, in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
process.exit(failures.length > 0 ? 1 : 0);
