import type { Document } from 'bson';
import type { IndexSpec } from '../indexes/collection-index.js';

/** One durable state change: what the journal records and what recovery replays. */
export type Change =
  | { op: 'create'; db: string; coll: string; options: Document; uuid: Buffer }
  | { op: 'drop'; db: string; coll: string }
  | { op: 'dropDatabase'; db: string }
  | { op: 'index'; db: string; coll: string; spec: IndexSpec }
  | { op: 'dropIndex'; db: string; coll: string; name: string }
  /** `received`: BSON that decodes to exactly `doc`, written in its place (see ReceivedDocuments); never replayed. */
  | { op: 'put'; db: string; coll: string; doc: Document; received?: Uint8Array }
  /** A stored document's top-level fields set (in the document's order) and removed: see `documentPatch`. */
  | { op: 'patch'; db: string; coll: string; id: unknown; set: Document; unset: string[] }
  | { op: 'del'; db: string; coll: string; id: unknown };
