import { open, rename, rm } from 'node:fs/promises';
import type { Document } from 'bson';
import type { Catalog } from './catalog.js';
import type { Change } from './change.js';
import type { Journal } from './journal.js';
import { RecordWriter } from './journal-records.js';
import { PRIVATE_FILE_MODE, journalGenerations, journalPath, openJournal, snapshotGenerations, snapshotPath, snapshotTempPath, syncDirectory } from './data-files.js';

const DOCS_PER_RECORD = 2000;

interface CapturedCollection {
  head: Change[];
  docs: Document[];
}

/**
 * Captures the catalog and rotates the journal in one synchronous step, so the snapshot plus
 * the journals after it are exactly the history. Stored documents are immutable, so holding
 * references is a consistent capture; writing happens afterwards, yielding between records.
 * Returns the new journal generation.
 */
export async function writeSnapshot(dir: string, catalog: Catalog, journal: Journal, gen: number): Promise<number> {
  const nextGen = gen + 1;
  const nextHandle = await openJournal(dir, nextGen);
  const captured = capture(catalog);
  const previous = journal.rotate(nextHandle);
  await journal.drain();
  await previous.close();

  const temp = snapshotTempPath(dir);
  const out = await open(temp, 'w', PRIVATE_FILE_MODE);
  try {
    for (const coll of captured) {
      await out.write(recordOf(coll.head));
      for (let i = 0; i < coll.docs.length; i += DOCS_PER_RECORD) {
        await out.write(recordOf(coll.docs.slice(i, i + DOCS_PER_RECORD).map((doc) => ({ ...putOf(coll.head[0]!), doc }))));
      }
    }
    await out.datasync();
  } finally {
    await out.close();
  }
  await rename(temp, snapshotPath(dir, gen));
  await syncDirectory(dir);
  for (const old of snapshotGenerations(dir)) if (old < gen) await rm(snapshotPath(dir, old), { force: true });
  for (const old of journalGenerations(dir)) if (old <= gen) await rm(journalPath(dir, old), { force: true });
  await syncDirectory(dir);
  return nextGen;
}

function recordOf(changes: Change[]): Buffer {
  const record = new RecordWriter();
  for (const change of changes) record.append(change);
  return record.finish();
}

function putOf(create: Change): { op: 'put'; db: string; coll: string } {
  if (create.op !== 'create') throw new Error('snapshot capture must start with the collection');
  return { op: 'put', db: create.db, coll: create.coll };
}

function capture(catalog: Catalog): CapturedCollection[] {
  const out: CapturedCollection[] = [];
  for (const db of catalog.databaseNames()) {
    for (const coll of catalog.collections(db)) {
      const head: Change[] = [{ op: 'create', db, coll: coll.name, options: coll.options, uuid: coll.uuid }];
      for (const index of coll.indexes.values()) {
        if (index.spec.name !== '_id_') head.push({ op: 'index', db, coll: coll.name, spec: index.spec });
      }
      out.push({ head, docs: [...coll.docs.values()] });
    }
  }
  return out;
}
