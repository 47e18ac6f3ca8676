import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedMongo } from '../src/embedded-mongo/index.js';
import { runFile } from './lib/conformance-runner.js';
import { findSpecsRoot, SPEC_FOLDERS } from './lib/conformance-specs-root.js';

/**
 * `npm run conformance -- [file or folder …]`: runs unified-format test files through the real
 * driver, each file against a fresh engine. Default: {crud,transactions} under `SPECS_DIR`, else the
 * project's own `test/conformance/specs`, else `../shared/specs`, else `../shared/specs` next to a local
 * `origin` (see `findSpecsRoot`).
 */
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** The spec files the project keeps (test/conformance/specs): the default unless SPECS_DIR names others. */
const ownSpecs = join(repoRoot, 'test', 'conformance', 'specs');
const specs =
  !process.env['SPECS_DIR'] && SPEC_FOLDERS.some((folder) => existsSync(join(ownSpecs, folder)))
    ? { root: ownSpecs, tried: [ownSpecs], explicit: false }
    : findSpecsRoot(repoRoot, process.env);
const requested = process.argv.slice(2);

function listJsonFiles(target: string): string[] {
  if (statSync(target).isFile()) return [target];
  return readdirSync(target)
    .sort()
    .flatMap((name) => listJsonFiles(join(target, name)))
    .filter((path) => path.endsWith('.json'));
}

let targets: string[];
if (requested.length > 0) {
  const missing = requested.filter((target) => !existsSync(target));
  if (missing.length > 0) {
    process.stderr.write(`conformance: no such file or folder: ${missing.join(', ')}\n`);
    process.exit(1);
  }
  targets = requested.map((target) => resolve(target));
} else {
  if (specs.explicit && !specs.root) {
    process.stderr.write(`conformance: SPECS_DIR ${specs.tried.join('')} has no ${SPEC_FOLDERS.join(' or ')} folder\n`);
    process.exit(1);
  }
  const root = specs.root;
  targets = root ? SPEC_FOLDERS.map((folder) => join(root, folder)).filter((folder) => existsSync(folder)) : [];
  if (targets.length === 0) {
    // A fresh clone in CI may not have the shared specs anywhere near it: nothing to run is not a failure.
    process.stdout.write(`conformance: no specs folder (looked in ${specs.tried.join(', ')}; set SPECS_DIR); nothing to run\n`);
    process.stdout.write(`${JSON.stringify({ passed: 0, failed: 0, skipped: 0 })}\n`);
    process.exit(0);
  }
}

const counts = { passed: 0, failed: 0, skipped: 0 };
for (const path of targets.flatMap(listJsonFiles)) {
  if (path.includes(`${join('unified-test-format')}`) && path.endsWith('schema-1.26.json')) continue;
  const dataDir = mkdtempSync(join(tmpdir(), 'conformance-'));
  const engine = await startEmbeddedMongo({ dataDir });
  const name = relative(specs.root ?? process.cwd(), path);
  try {
    for (const { description, verdict } of await runFile(path, engine.uri)) {
      counts[verdict.status] += 1;
      const detail = verdict.status === 'passed' ? '' : ` — ${verdict.reason}`;
      process.stdout.write(`${verdict.status.padEnd(7)} ${name} :: ${description}${detail}\n`);
    }
  } catch (error) {
    counts.failed += 1;
    process.stdout.write(`failed  ${name} :: (file) — ${(error as Error).message}\n`);
  } finally {
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
process.stdout.write(`${JSON.stringify(counts)}\n`);
process.exit(counts.failed > 0 ? 1 : 0);
