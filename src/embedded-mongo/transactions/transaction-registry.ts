import type { Document } from 'bson';
import type { Catalog } from '../storage/catalog.js';
import type { CollectionData } from '../storage/collection-data.js';
import { Transaction } from './transaction.js';
import { VersionHistory } from './version-history.js';
import { idKey } from '../storage/id-key.js';
import { WriteBlockedByTransaction, noSuchTransaction, transactionCommitted } from './transaction-errors.js';

type TxnState = 'active' | 'committing' | 'committed' | 'aborted';

interface SessionTxn {
  txnNumber: number;
  state: TxnState;
  txn: Transaction;
  /** Settles once the transaction is no longer active; writes blocked by it wait for this. */
  finished: Promise<void>;
  settle: () => void;
}

/** MongoDB's default `transactionLifetimeLimitSeconds`. */
const LIFETIME_MS = 60_000;
/** The `logicalSessionTimeoutMinutes` announced in the handshake. */
const SESSION_TIMEOUT_MS = 30 * 60_000;

/** Finds a command's session from its `lsid`; a command without one runs outside any transaction. */
export function sessionKey(command: Document): string | null {
  const id = (command['lsid'] as Document | undefined)?.['id'] as { buffer?: Uint8Array } | undefined;
  return id?.buffer ? Buffer.from(id.buffer).toString('hex') : null;
}

function openTxn(txnNumber: number, txn: Transaction): SessionTxn {
  let settle!: () => void;
  const finished = new Promise<void>((resolve) => {
    settle = resolve;
  });
  return { txnNumber, state: 'active', txn, finished, settle };
}

/** Moves a transaction out of 'active' and releases the writes waiting for it. */
function finish(current: SessionTxn, state: Exclude<TxnState, 'active'>): void {
  current.state = state;
  if (state !== 'committing') current.settle();
}

/**
 * Open transactions by session. Writes are serialised (one JS thread); between transactions
 * the first writer wins, and a write outside any transaction to a document an open transaction
 * wrote waits for that transaction to end, as in MongoDB.
 */
export class TransactionRegistry {
  private readonly sessions = new Map<string, SessionTxn>();
  /** Every session seen lately, for `$listLocalSessions`. */
  private readonly seen = new Map<string, { lsid: Document; lastUse: Date }>();
  private readonly history = new VersionHistory();

  constructor(private readonly catalog: Catalog) {
    catalog.beforeDocumentChange = (coll, id, before) => this.onCommittedChange(coll, id, before);
  }

  /** The transaction a command with `autocommit: false` runs in, starting it when asked. */
  join(session: string, command: Document): Transaction {
    const txnNumber = Number(command['txnNumber']);
    const current = this.sessions.get(session);
    if (command['startTransaction'] === true) {
      if (current?.state === 'active') finish(current, 'aborted');
      const txn = new Transaction(txnNumber, this.catalog, this.history, this.history.version, (self, ns, key) => this.ownedByOther(self, ns, key));
      this.sessions.set(session, openTxn(txnNumber, txn));
      return txn;
    }
    if (!current || current.txnNumber !== txnNumber || current.state !== 'active') throw noSuchTransaction(txnNumber);
    current.txn.lastUsed = Date.now();
    return current.txn;
  }

  commit(session: string | null, command: Document): void {
    const txnNumber = Number(command['txnNumber']);
    const current = session ? this.sessions.get(session) : undefined;
    if (!current || current.txnNumber !== txnNumber) throw noSuchTransaction(txnNumber);
    if (current.state === 'committed') return;
    if (current.state !== 'active') throw noSuchTransaction(txnNumber);
    finish(current, 'committing');
    try {
      current.txn.commit();
      finish(current, 'committed');
    } catch (error) {
      finish(current, 'aborted');
      throw error;
    } finally {
      this.prune();
    }
  }

  abort(session: string | null, command: Document): void {
    const txnNumber = Number(command['txnNumber']);
    const current = session ? this.sessions.get(session) : undefined;
    if (!current || current.txnNumber !== txnNumber) throw noSuchTransaction(txnNumber);
    if (current.state === 'committed') throw transactionCommitted(txnNumber);
    if (current.state !== 'active') throw noSuchTransaction(txnNumber);
    finish(current, 'aborted');
    this.prune();
  }

  /** Called when a command in the transaction failed: MongoDB aborts the transaction. */
  abortAfterError(session: string): void {
    const current = this.sessions.get(session);
    if (current?.state === 'active') finish(current, 'aborted');
    this.prune();
  }

  touch(session: string, lsid: Document): void {
    this.seen.set(session, { lsid, lastUse: new Date() });
  }

  /** The documents `$listLocalSessions` lists. */
  localSessions(): Document[] {
    return [...this.seen.values()].map(({ lsid, lastUse }) => ({ _id: { id: lsid['id'] }, lastUse }));
  }

  endSessions(sessions: string[]): void {
    for (const session of sessions) {
      const current = this.sessions.get(session);
      if (current?.state === 'active') finish(current, 'aborted');
      this.sessions.delete(session);
      this.seen.delete(session);
    }
    this.prune();
  }

  /** Aborts transactions idle past MongoDB's lifetime limit and forgets finished sessions. */
  expire(now = Date.now()): void {
    for (const [session, { lastUse }] of this.seen) if (now - lastUse.getTime() > SESSION_TIMEOUT_MS) this.seen.delete(session);
    for (const [session, current] of this.sessions) {
      if (now - current.txn.lastUsed <= LIFETIME_MS) continue;
      if (current.state === 'active') finish(current, 'aborted');
      else this.sessions.delete(session);
    }
    this.prune();
  }

  private ownedByOther(self: Transaction, ns: string, key: string): boolean {
    for (const current of this.sessions.values()) {
      if (current.state === 'active' && current.txn !== self && current.txn.writes.get(ns)?.has(key)) return true;
    }
    return false;
  }

  private onCommittedChange(coll: CollectionData, id: unknown, before: Document | null): void {
    // Without a session that ever held a transaction (most of the time) there is no one to tell: the key is not worked out.
    if (this.sessions.size === 0) {
      this.history.record(coll.ns, '', before, null);
      return;
    }
    const key = idKey(id);
    for (const current of this.sessions.values()) {
      if (current.state === 'active' && current.txn.writes.get(coll.ns)?.has(key)) throw new WriteBlockedByTransaction(current.finished);
    }
    this.history.record(coll.ns, key, before, this.oldestSnapshot());
  }

  private oldestSnapshot(): number | null {
    let oldest: number | null = null;
    for (const current of this.sessions.values()) {
      if (current.state === 'active' && (oldest === null || current.txn.snapshot < oldest)) oldest = current.txn.snapshot;
    }
    return oldest;
  }

  private prune(): void {
    this.history.prune(this.oldestSnapshot());
  }
}
