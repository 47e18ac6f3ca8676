import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';
import { killHard, spawnChildEngine, type ChildEngine } from '../embedded-mongo/child-engine.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** `npm run content:import` as the IT office runs it: its own process, pointed at production's MONGODB_URI. */
function contentImport(mongodbUri: string): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, MONGODB_URI: mongodbUri };
  delete env.DATA_DIR;
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/content-import.ts'], { cwd: ROOT, env, encoding: 'utf8', timeout: 90_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run content:import against a MongoDB server (MONGODB_URI)', function () {
  this.timeout(180_000);
  let dir: string;
  let engine: ChildEngine;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sportello-content-import-'));
    // The embedded engine in its own process, reached over a socket: what the script sees of a real server.
    engine = await spawnChildEngine(dir);
  });

  after(async () => {
    await killHard(engine);
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports every file of content/ (and its glossaries) once; run again, changes nothing; the templates and terms are in the database', async () => {
    const files = readdirSync(join(ROOT, 'content')).filter((name) => name.endsWith('.md') && name !== 'README.md');
    const uri = `${engine.uri}sportello`;

    const first = contentImport(uri);
    const second = contentImport(uri);

    expect(first.status, first.stderr).to.equal(0);
    expect(first.stdout).to.contain(`content library: ${files.length} created, 0 updated, 0 unchanged`);
    expect(second.status, second.stderr).to.equal(0);
    expect(second.stdout).to.contain(`content library: 0 created, 0 updated, ${files.length} unchanged`);
    const glossaries = readdirSync(join(ROOT, 'content', 'glossary')).map((name) => name.replace(/\.json$/, '')).sort();
    expect(first.stdout).to.contain(`glossaries: ${glossaries.map((lang) => `${lang} +15`).join(', ')}`);
    expect(second.stdout).to.contain(`glossaries: ${glossaries.map((lang) => `${lang} +0`).join(', ')}`);
    const db = await mongoose.createConnection(uri).asPromise();
    try {
      expect(await db.collection('notice_templates').countDocuments()).to.equal(files.length);
      expect(await db.collection('glossary_terms').countDocuments({ lang: 'zh-Hans' })).to.equal(15);
    } finally {
      await db.close();
    }
  });
});
