import { readFile, truncate } from 'node:fs/promises';
import type { Catalog } from './catalog.js';
import { decodeRecords } from './journal-records.js';
import { journalGenerations, journalPath, snapshotGenerations, snapshotPath } from './data-files.js';

export interface Recovered {
  /** The journal generation to append to. */
  gen: number;
  /** Whether a journal after the snapshot removes documents or collections, whose data it may still hold. */
  erased: boolean;
}

const ERASING = new Set(['del', 'drop', 'dropDatabase']);

/**
 * Rebuilds the catalog from the newest snapshot and the journals after it, cutting off a torn
 * last record (a write that was never acknowledged).
 */
export async function recover(dir: string, catalog: Catalog): Promise<Recovered> {
  const snapshotGen = snapshotGenerations(dir).at(-1) ?? 0;
  if (snapshotGen > 0) {
    for (const change of decodeRecords(await readFile(snapshotPath(dir, snapshotGen))).changes) catalog.replay(change);
  }
  let erased = false;
  const journals = journalGenerations(dir).filter((gen) => gen > snapshotGen);
  for (const gen of journals) {
    const path = journalPath(dir, gen);
    const file = await readFile(path);
    const { changes, validLength } = decodeRecords(file);
    for (const change of changes) {
      catalog.replay(change);
      erased ||= ERASING.has(change.op);
    }
    if (validLength < file.length) await truncate(path, validLength);
  }
  return { gen: journals.at(-1) ?? snapshotGen + 1, erased };
}
