import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Catalog } from './storage/catalog.js';
import { CursorStore } from './cursors/cursor-store.js';
import { Journal } from './storage/journal.js';
import { CommittedWorkspace } from './storage/committed-workspace.js';
import { acquireLock } from './storage/lock-file.js';
import { recover } from './storage/recovery.js';
import { PRIVATE_FOLDER_MODE, openJournal, privateDataFolder } from './storage/data-files.js';
import { writeSnapshot } from './storage/snapshot.js';
import { createWireServer } from './server.js';
import { sweepExpired } from './ttl/ttl-sweeper.js';
import type { Change } from './storage/change.js';
import type { EngineState } from './engine-state.js';
import { TransactionRegistry } from './transactions/transaction-registry.js';

export { DataDirInUse } from './storage/lock-file.js';

export interface EmbeddedMongoOptions {
  dataDir: string;
  /** 0 or absent picks a free port. */
  port?: number;
  /** Journal size past which a snapshot is written and older journals are deleted (default 64 MB). */
  snapshotAfterBytes?: number;
  /**
   * Longest wait between a delete (or a dropped collection) and the compaction that rewrites the data folder
   * without the erased documents (default 30 s; see ERASE_COMPACTION_MS).
   */
  eraseCompactionMs?: number;
}

export interface EmbeddedMongo {
  /** `mongodb://127.0.0.1:PORT/` */
  uri: string;
  port: number;
  stop(): Promise<void>;
}

const TTL_SWEEP_MS = 1000;
const HOUSEKEEPING_MS = 5000;
/** Past this journal size a snapshot is taken, which keeps start-up time bounded. */
const DEFAULT_SNAPSHOT_AFTER_BYTES = 64 * 1024 * 1024;
/**
 * A citizen's erasure deletes their contact, messages and notes; until a snapshot replaces the journal those
 * documents are still in it. A delete therefore schedules a snapshot this long after it (deletes in the meantime
 * share it), so the folder holds no erased document once this plus the snapshot's own write time has passed.
 */
export const ERASE_COMPACTION_MS = 30_000;
const ERASING = new Set<Change['op']>(['del', 'drop', 'dropDatabase']);

/**
 * Starts a MongoDB-wire-compatible server on loopback, with its data in `dataDir`.
 * Only one engine may own a data folder at a time; a second one fails with DataDirInUse.
 */
export async function startEmbeddedMongo(opts: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  // The folder holds citizens' messages: only the engine's user may list or read it (see privateDataFolder).
  mkdirSync(opts.dataDir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  privateDataFolder(opts.dataDir);
  const releaseLock = await acquireLock(opts.dataDir);
  try {
    let record: (change: Change) => void = () => undefined;
    const catalog = new Catalog((change) => record(change));
    const recovered = await recover(opts.dataDir, catalog);
    let gen = recovered.gen;
    const handle = await openJournal(opts.dataDir, gen);
    const journal = new Journal(handle, (await handle.stat()).size);
    let compactionTimer: NodeJS.Timeout | null = null;
    let compactSoon: () => void = () => undefined;
    record = (change) => {
      journal.append(change);
      if (ERASING.has(change.op)) compactSoon();
    };
    const engine: EngineState = {
      catalog,
      cursors: new CursorStore(),
      journal,
      workspace: new CommittedWorkspace(catalog),
      transactions: new TransactionRegistry(catalog),
    };

    const wire = createWireServer(engine);
    await new Promise<void>((resolve, reject) => {
      wire.server.once('error', reject);
      wire.server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    });
    const port = (wire.server.address() as AddressInfo).port;

    let snapshotting: Promise<void> | null = null;
    const snapshot = (): Promise<void> => {
      snapshotting ??= writeSnapshot(opts.dataDir, catalog, journal, gen)
        .then((next) => {
          gen = next;
        })
        .finally(() => {
          snapshotting = null;
        });
      return snapshotting;
    };
    // A snapshot already being written may have captured the documents before the delete: the compaction follows it.
    const compact = (): Promise<void> => (snapshotting ?? Promise.resolve()).then(() => snapshot());
    compactSoon = () => {
      compactionTimer ??= setTimeout(() => {
        compactionTimer = null;
        compact().catch(() => undefined);
      }, opts.eraseCompactionMs ?? ERASE_COMPACTION_MS);
      // An exit without stop() leaves it to the next start, which finds the deletes in the journal.
      compactionTimer.unref();
    };
    // Deletes journaled before a crash or a stop that did not compact them.
    if (recovered.erased) compactSoon();
    const snapshotAfterBytes = opts.snapshotAfterBytes ?? DEFAULT_SNAPSHOT_AFTER_BYTES;
    // Checked after each sync rather than on a timer, so a snapshot follows the write that called for it.
    journal.afterSync = () => {
      if (journal.size > snapshotAfterBytes) snapshot().catch(() => undefined);
    };
    const ttlTimer = setInterval(() => sweepExpired(catalog, journal), TTL_SWEEP_MS);
    const housekeeping = setInterval(() => {
      engine.cursors.sweepIdle();
      engine.transactions.expire();
    }, HOUSEKEEPING_MS);
    ttlTimer.unref();
    housekeeping.unref();

    let stopped: Promise<void> | null = null;
    return {
      uri: `mongodb://127.0.0.1:${port}/`,
      port,
      stop: () => {
        stopped ??= (async () => {
          clearInterval(ttlTimer);
          clearInterval(housekeeping);
          await wire.close();
          await snapshotting;
          if (compactionTimer) {
            // Erased documents are not left in the folder until the next start.
            clearTimeout(compactionTimer);
            compactionTimer = null;
            await compact();
          }
          await journal.close();
          await releaseLock();
        })();
        return stopped;
      },
    };
  } catch (error) {
    await releaseLock();
    throw error;
  }
}
