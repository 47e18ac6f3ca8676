import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** One unified-format file: an empty collection counts 0. */
const COUNT_EMPTY = {
  description: 'count-empty',
  schemaVersion: '1.0',
  createEntities: [
    { client: { id: 'client0' } },
    { database: { id: 'database0', client: 'client0', databaseName: 'crud-v1' } },
    { collection: { id: 'collection0', database: 'database0', collectionName: 'coll' } },
  ],
  initialData: [{ collectionName: 'coll', databaseName: 'crud-v1', documents: [] }],
  tests: [{ description: 'Count documents with empty collection', operations: [{ object: 'collection0', name: 'countDocuments', arguments: { filter: {} }, expectResult: 0 }] }],
};

function runConformance(env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/conformance.ts'], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run conformance: the specs folder from SPECS_DIR', function () {
  this.timeout(90_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'specs-dir-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('SPECS_DIR with one crud file: that file runs and passes, exit 0', () => {
    mkdirSync(join(dir, 'crud'));
    writeFileSync(join(dir, 'crud', 'count-empty.json'), JSON.stringify(COUNT_EMPTY));

    const run = runConformance({ SPECS_DIR: dir });

    expect(run.status, run.stdout + run.stderr).to.equal(0);
    expect(run.stdout).to.contain('passed  crud/count-empty.json :: Count documents with empty collection');
    expect(run.stdout.trim().split('\n').at(-1)).to.equal(JSON.stringify({ passed: 1, failed: 0, skipped: 0 }));
  });

  it('SPECS_DIR pointing at a folder with no spec folders: exit 1 naming it, rather than a silent 0 tests', () => {
    const run = runConformance({ SPECS_DIR: join(dir, 'missing') });

    expect(run.status).to.equal(1);
    expect(run.stderr).to.contain(join(dir, 'missing'));
  });
});
