import type { Document } from 'bson';
import type { Catalog } from '../storage/catalog.js';
import type { CursorStore } from '../cursors/cursor-store.js';
import type { Workspace } from '../storage/workspace.js';
import { MongoCommandError } from '../mongo-error.js';
import type { Transaction } from '../transactions/transaction.js';
import type { TransactionRegistry } from '../transactions/transaction-registry.js';

export interface ConnectionInfo {
  id: number;
  /** The address the client reached us on: the handshake names it as the replica set's only host. */
  host: string;
}

export interface CommandContext {
  readonly db: string;
  readonly catalog: Catalog;
  readonly cursors: CursorStore;
  /** Committed state, or the command's transaction view. */
  readonly workspace: Workspace;
  readonly connection: ConnectionInfo;
  readonly transactions: TransactionRegistry;
  /** The command's session (from `lsid`), if it has one. */
  readonly session: string | null;
  /** Set when the command runs inside a multi-document transaction. */
  readonly transaction?: Transaction;
}

export type CommandHandler = (command: Document, ctx: CommandContext) => Document | Promise<Document>;

/** The collection named by the command's first field, refusing anything but a string. */
export function targetCollection(command: Document, name: string): string {
  const value = command[name];
  if (typeof value !== 'string' || value.length === 0) {
    throw new MongoCommandError(73, 'InvalidNamespace', `collection name must be a non-empty string`);
  }
  return value;
}
