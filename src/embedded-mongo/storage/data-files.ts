import { chmodSync, constants, readdirSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Layout of a data folder: `journal-<gen>.log` files and at most one complete
 * `snapshot-<gen>.bson`, which holds the state up to the end of journal <gen>.
 */
const JOURNAL = /^journal-(\d{6})\.log$/;
const SNAPSHOT = /^snapshot-(\d{6})\.bson$/;

/** Journals and snapshots hold citizens' messages and numbers: readable by the engine's user alone, in a 0700 folder. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;

/**
 * Makes a data folder private: the folder 0700 and the files in it 0600, including those an earlier version
 * created 0644 (the process umask decided then).
 */
export function privateDataFolder(dir: string): void {
  chmodSync(dir, PRIVATE_FOLDER_MODE);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) chmodSync(join(dir, entry.name), PRIVATE_FILE_MODE);
  }
}

const pad = (gen: number): string => String(gen).padStart(6, '0');

export const journalPath = (dir: string, gen: number): string => join(dir, `journal-${pad(gen)}.log`);
export const snapshotPath = (dir: string, gen: number): string => join(dir, `snapshot-${pad(gen)}.bson`);
/**
 * A journal opened for appending with O_DSYNC: each write returns once its bytes and the file's new size are on
 * disk, as a write followed by fdatasync would, in one system call and one trip through the thread pool instead
 * of two (measured: about a quarter less CPU per group commit).
 */
export const openJournal = (dir: string, gen: number): Promise<FileHandle> =>
  open(journalPath(dir, gen), constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_DSYNC, PRIVATE_FILE_MODE);
export const snapshotTempPath = (dir: string): string => join(dir, 'snapshot.tmp');

function generations(dir: string, pattern: RegExp): number[] {
  return readdirSync(dir)
    .map((name) => pattern.exec(name)?.[1])
    .filter((gen): gen is string => gen !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

export const journalGenerations = (dir: string): number[] => generations(dir, JOURNAL);
export const snapshotGenerations = (dir: string): number[] => generations(dir, SNAPSHOT);

/** Makes a rename or unlink in `dir` durable. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
