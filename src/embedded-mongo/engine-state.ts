import type { Catalog } from './storage/catalog.js';
import type { CursorStore } from './cursors/cursor-store.js';
import type { Journal } from './storage/journal.js';
import type { Workspace } from './storage/workspace.js';
import type { TransactionRegistry } from './transactions/transaction-registry.js';

/** Everything a running engine holds, shared by all connections. */
export interface EngineState {
  readonly catalog: Catalog;
  readonly cursors: CursorStore;
  readonly journal: Journal;
  /** The committed state, for commands outside a transaction. */
  readonly workspace: Workspace;
  readonly transactions: TransactionRegistry;
}
