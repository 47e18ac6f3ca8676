import mongoose from 'mongoose';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DataDirInUse, startEmbeddedMongo } from '../src/embedded-mongo/index.js';
import { importContentLibrary } from '../src/content-library/index.js';
import { importGlossaries } from '../src/translation-help/index.js';

/**
 * `npm run content:import [-- --dir content]`: loads the content library (and `glossary/`'s terms a language lacks) into MONGODB_URI or, without
 * it, into the demo's embedded engine under DATA_DIR (default `.data/demo`). Safe to run again:
 * unchanged files write nothing. While the demo runs it holds its data folder; it imports the
 * library itself at start, so restart it instead.
 */
const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values } = parseArgs({ options: { dir: { type: 'string', default: join(ROOT, 'content') } } });

async function openDatabase(): Promise<{ uri: string; stop: () => Promise<void> }> {
  if (process.env.MONGODB_URI) return { uri: process.env.MONGODB_URI, stop: async () => undefined };
  const dataDir = resolve(ROOT, process.env.DATA_DIR ?? '.data/demo', 'mongo');
  try {
    const engine = await startEmbeddedMongo({ dataDir });
    return { uri: `${engine.uri}sportello`, stop: engine.stop };
  } catch (error) {
    if (error instanceof DataDirInUse) {
      process.stderr.write(`content:import: ${dataDir} is in use (is the demo running?). The demo imports the library at start; or set MONGODB_URI.\n`);
      process.exit(1);
    }
    throw error;
  }
}

const database = await openDatabase();
const db = mongoose.createConnection(database.uri, { serverSelectionTimeoutMS: 10_000 });
try {
  await db.asPromise();
  const report = await importContentLibrary(db, resolve(values.dir));
  process.stdout.write(
    `content library: ${report.created.length} created, ${report.updated.length} updated, ${report.unchanged.length} unchanged\n` +
      [...report.created.map((id) => `  + ${id}`), ...report.updated.map((id) => `  ~ ${id}`)].join('\n') +
      (report.created.length + report.updated.length ? '\n' : ''),
  );
  const glossaries = await importGlossaries(db, join(resolve(values.dir), 'glossary'));
  process.stdout.write(`glossaries: ${Object.entries(glossaries).map(([lang, added]) => `${lang} +${added}`).join(', ') || 'none'}\n`);
} finally {
  await db.close();
  await database.stop();
}
