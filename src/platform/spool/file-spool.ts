import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

const RECORD = '.json';
const PARTIAL = '.partial';
const UNREADABLE = '.unreadable';
/** The folder's own id, made once: queues that refer to its records are named by it (see `ownerId`). */
const OWNER = '.owner';
/** Ids become file names: no separator, no dot, so an id can never leave the folder or look like a partial file. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

export interface SpooledRecord<T> {
  id: string;
  record: T;
}

/**
 * Records kept on the local disk until something more durable has taken them: one file per record, named by its
 * id, readable by this user only (0600 in a 0700 folder). `append` returns once the record and its name are on
 * disk (fsync of the file, then of the folder), so a crash or power cut a moment later keeps it.
 *
 * A record is written under a temporary name and renamed into place, so a reader never sees half a record, and
 * appending an id again replaces the record whole. Every step is idempotent (a missing file on `remove` is not an
 * error), so two processes that share a folder by mistake do each other no harm beyond duplicate work.
 *
 * The records are not validated on the way back: `list` returns what JSON holds, and the reader checks it.
 */
export class FileSpool<T> {
  /** The folder sync under way, and the one that follows it, shared by every append that renamed meanwhile. */
  private syncing: Promise<void> | undefined;
  private nextSync: Promise<void> | undefined;

  private constructor(
    readonly dir: string,
    /** A random id of this folder, kept in it across restarts: only the process working on this folder reads its records. */
    readonly ownerId: string,
  ) {}

  /** Creates the folder if needed and drops partial files a crash left mid-write (their `append` never returned). */
  static async open<T>(dir: string): Promise<FileSpool<T>> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
    for (const name of await readdir(dir)) {
      if (name.includes(PARTIAL)) await unlinkIfPresent(join(dir, name));
    }
    return new FileSpool<T>(dir, await ownerIdOf(dir));
  }

  /** One record, or undefined when it is not (or no longer) spooled. Throws on a record that is not JSON. */
  async read(id: string): Promise<T | undefined> {
    let text: string;
    try {
      text = await readFile(this.pathOf(id), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    return JSON.parse(text) as T;
  }

  /** Renames a record that cannot be used to `<id>.unreadable`, left for an operator (it is no longer listed). */
  async setAside(id: string): Promise<void> {
    try {
      await rename(this.pathOf(id), join(this.dir, `${id}${UNREADABLE}`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  async append(id: string, record: T): Promise<void> {
    const final = this.pathOf(id);
    const partial = `${final}${PARTIAL}-${randomBytes(6).toString('hex')}`;
    const file = await open(partial, 'wx', 0o600);
    try {
      await file.writeFile(JSON.stringify(record));
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await rename(partial, final);
    } catch (error) {
      await unlinkIfPresent(partial);
      throw error;
    }
    await this.syncFolder();
  }

  /**
   * Every record, oldest file first. A file that is not JSON (a disk fault: writes are atomic) is renamed to
   * `<id>.unreadable` and its id returned in `setAside`, so it is reported once and left for an operator.
   */
  async list(): Promise<{ records: Array<SpooledRecord<T>>; setAside: string[] }> {
    const setAside: string[] = [];
    const records: Array<SpooledRecord<T> & { mtimeMs: number }> = [];
    for (const name of await readdir(this.dir)) {
      if (!name.endsWith(RECORD)) continue;
      const id = name.slice(0, -RECORD.length);
      const path = join(this.dir, name);
      let text: string;
      let mtimeMs: number;
      try {
        const file = await open(path, 'r');
        try {
          mtimeMs = (await file.stat()).mtimeMs;
          text = await readFile(file, 'utf8');
        } finally {
          await file.close();
        }
      } catch (error) {
        // Removed meanwhile: its record was taken.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      try {
        records.push({ id, record: JSON.parse(text) as T, mtimeMs });
      } catch {
        await rename(path, join(this.dir, `${id}${UNREADABLE}`));
        setAside.push(id);
      }
    }
    return { records: records.sort((a, b) => a.mtimeMs - b.mtimeMs).map(({ id, record }) => ({ id, record })), setAside };
  }

  /** Deletes the record (its data is now safe elsewhere); a record already gone is fine. */
  async remove(id: string): Promise<void> {
    await unlinkIfPresent(this.pathOf(id));
  }

  private pathOf(id: string): string {
    if (!SAFE_ID.test(id)) throw new Error('a spool id holds only letters, digits, - and _');
    return join(this.dir, `${id}${RECORD}`);
  }

  /**
   * Makes every rename done before the call durable. Appends at once share folder syncs (a group commit): one
   * that renamed while a sync was under way waits for the next one, which starts when that ends and serves all
   * of them, since the sync under way may have started before their rename. Under a burst this turns one folder
   * fsync per message into about one per disk write time.
   */
  private syncFolder(): Promise<void> {
    if (!this.syncing) {
      this.syncing = this.syncFolderNow().finally(() => {
        this.syncing = undefined;
      });
      return this.syncing;
    }
    this.nextSync ??= this.syncing
      .catch(() => undefined)
      .then(() => {
        this.nextSync = undefined;
        return this.syncFolder();
      });
    return this.nextSync;
  }

  private async syncFolderNow(): Promise<void> {
    const folder = await open(this.dir, 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  }
}

async function ownerIdOf(dir: string): Promise<string> {
  const path = join(dir, OWNER);
  try {
    const existing = (await readFile(path, 'utf8')).trim();
    if (SAFE_ID.test(existing)) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const id = randomBytes(8).toString('hex');
  const file = await open(path, 'w', 0o600);
  try {
    await file.writeFile(id);
    await file.sync();
  } finally {
    await file.close();
  }
  return id;
}

async function unlinkIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
