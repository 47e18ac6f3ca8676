import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Catalog } from './storage/catalog.js';
import { CursorStore } from './cursors/cursor-store.js';
import { Journal } from './storage/journal.js';
import { CommittedWorkspace } from './storage/committed-workspace.js';
import { acquireLock } from './storage/lock-file.js';
import { recover } from './storage/recovery.js';
import { openJournal } from './storage/data-files.js';
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
 * Starts a MongoDB-wire-compatible server on loopback, with its data in `dataDir`.
 * Only one engine may own a data folder at a time; a second one fails with DataDirInUse.
 */
export async function startEmbeddedMongo(opts: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  mkdirSync(opts.dataDir, { recursive: true });
  const releaseLock = acquireLock(opts.dataDir);
  try {
    let record: (change: Change) => void = () => undefined;
    const catalog = new Catalog((change) => record(change));
    let gen = await recover(opts.dataDir, catalog);
    const handle = await openJournal(opts.dataDir, gen);
    const journal = new Journal(handle, (await handle.stat()).size);
    record = (change) => journal.append(change);
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
          await journal.close();
          releaseLock();
        })();
        return stopped;
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}
