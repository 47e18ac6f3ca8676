import { Long, type Document } from 'bson';
import { documentSize } from '../wire/bson-codec.js';
import { cursorNotFound } from '../mongo-error.js';

const DEFAULT_FIRST_BATCH = 101;
/** Replies stay under the 16 MB document limit, leaving room for the envelope. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

interface OpenCursor {
  ns: string;
  docs: Document[];
  position: number;
  lastUsed: number;
}

/** Server-side cursors: results are materialised when the command runs and handed out in batches. */
export class CursorStore {
  private readonly open = new Map<string, OpenCursor>();
  private nextId = 1n;

  /** The `cursor` sub-document of a find/aggregate/list* reply. */
  firstBatch(ns: string, docs: Document[], batchSize: number | undefined, singleBatch = false): Document {
    const cursor: OpenCursor = { ns, docs, position: 0, lastUsed: Date.now() };
    const batch = this.take(cursor, batchSize ?? DEFAULT_FIRST_BATCH);
    let id = Long.ZERO;
    if (!singleBatch && cursor.position < docs.length) {
      id = Long.fromBigInt(this.nextId++);
      this.open.set(id.toString(), cursor);
    }
    return { firstBatch: batch, id, ns };
  }

  nextBatch(id: unknown, batchSize: number | undefined): Document {
    const key = String(id);
    const cursor = this.open.get(key);
    if (!cursor) throw cursorNotFound(`cursor id ${key} not found`);
    cursor.lastUsed = Date.now();
    const batch = this.take(cursor, batchSize && batchSize > 0 ? batchSize : Number.MAX_SAFE_INTEGER);
    const exhausted = cursor.position >= cursor.docs.length;
    if (exhausted) this.open.delete(key);
    return { nextBatch: batch, id: exhausted ? Long.ZERO : Long.fromString(key), ns: cursor.ns };
  }

  kill(ids: unknown[]): { killed: Long[]; notFound: Long[] } {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const id of ids) {
      const long = Long.fromString(String(id));
      (this.open.delete(long.toString()) ? killed : notFound).push(long);
    }
    return { killed, notFound };
  }

  sweepIdle(now = Date.now()): void {
    for (const [key, cursor] of this.open) if (now - cursor.lastUsed > IDLE_TIMEOUT_MS) this.open.delete(key);
  }

  private take(cursor: OpenCursor, count: number): Document[] {
    const batch: Document[] = [];
    let bytes = 0;
    while (batch.length < count && cursor.position < cursor.docs.length) {
      const doc = cursor.docs[cursor.position]!;
      bytes += documentSize(doc);
      if (batch.length > 0 && bytes > MAX_BATCH_BYTES) break;
      batch.push(doc);
      cursor.position += 1;
    }
    return batch;
  }
}
