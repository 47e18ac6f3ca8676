import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFile } from '../../../scripts/lib/conformance-runner.js';
import { startTempEngine, type TempEngine } from '../embedded-mongo/temp-engine.js';

/** A unified-format file of one test, on a collection holding `documents`. */
function specFile(description: string, operations: unknown[], documents: unknown[] = []): Record<string, unknown> {
  return {
    description,
    schemaVersion: '1.0',
    createEntities: [
      { client: { id: 'client0' } },
      { database: { id: 'database0', client: 'client0', databaseName: 'refusals' } },
      { collection: { id: 'collection0', database: 'database0', collectionName: 'coll' } },
    ],
    initialData: [{ collectionName: 'coll', databaseName: 'refusals', documents }],
    tests: [{ description, operations }],
  };
}

/**
 * The conformance runner skips a test only when the engine itself refuses what it asks (CommandNotSupported,
 * CommandNotFound); anything the engine accepts is run and judged on its results, collation included.
 */
describe('conformance runner: what it skips and what it runs', function () {
  this.timeout(30_000);
  let temp: TempEngine;
  let dir: string;
  before(async () => {
    temp = await startTempEngine();
    dir = mkdtempSync(join(tmpdir(), 'refusals-'));
  });
  after(async () => {
    await temp.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (file: Record<string, unknown>) => {
    const path = join(dir, `${String(file['description'])}.json`);
    writeFileSync(path, JSON.stringify(file));
    const [outcome] = await runFile(path, temp.engine.uri);
    return outcome!.verdict;
  };

  it('a find with a case-insensitive collation: run, not skipped by the runner; it passes only if the engine honours it, skips only if the engine refuses it', async () => {
    const verdict = await run(
      specFile(
        'collation-find',
        [{ object: 'collection0', name: 'find', arguments: { filter: { x: 'ping' }, collation: { locale: 'en_US', strength: 2 } }, expectResult: [{ _id: 1, x: 'PING' }] }],
        [{ _id: 1, x: 'PING' }],
      ),
    );

    if (verdict.status === 'skipped') expect(verdict.reason).to.match(/refused by the engine: (CommandNotSupported|NotImplemented)/);
    else if (verdict.status === 'failed') expect(verdict.reason).to.contain('operation 0 (find)');
    expect(JSON.stringify(verdict)).not.to.contain('by design');
  });

  it('a fail point: sent to the engine, and skipped because the engine refuses configureFailPoint', async () => {
    const verdict = await run(
      specFile('fail-point', [
        { object: 'testRunner', name: 'failPoint', arguments: { client: 'client0', failPoint: { configureFailPoint: 'failCommand', mode: { times: 1 }, data: { failCommands: ['count'], errorCode: 8 } } } },
      ]),
    );

    expect(verdict).to.deep.equal({ status: 'skipped', reason: "operation 0 (failPoint) refused by the engine: CommandNotFound: no such command: 'configureFailPoint'" });
  });

  it('an operation the runner does not know: failed, not skipped', async () => {
    const verdict = await run(specFile('unknown-operation', [{ object: 'collection0', name: 'mapReduce', arguments: {} }]));

    expect(verdict.status).to.equal('failed');
    expect(verdict).to.have.property('reason').that.contains('not supported by this runner');
  });
});
