import type { Document } from 'bson';

export interface DocumentPatch {
  /** Top-level fields whose value changed or that are new, in the new document's order. */
  set: Document;
  /** Top-level fields the new document no longer has. */
  unset: string[];
}

/**
 * What turns `before` into `after` at the top level, for a journal record a fraction of the whole document's
 * size (a state change of a delivery touches 2-6 of its ~20 fields). Stored documents are never mutated in
 * place and an update shares the fields it leaves alone, so a field whose value is the same object (or the
 * same primitive) is unchanged; one rebuilt with an equal value is merely written again. Undefined (a whole
 * document is recorded instead) when the fields kept do not stay in their order with the new ones after
 * them, which replaying `set` could not reproduce: a replacement that reorders them, for one.
 */
export function documentPatch(before: Document, after: Document): DocumentPatch | undefined {
  const set: Document = {};
  const unset: string[] = [];
  // Walks `after` once, with a cursor over the keys of `before` (no second key list: this runs for every update).
  const beforeKeys = Object.keys(before);
  let next = 0;
  for (const key in after) {
    next = skipRemoved(beforeKeys, next, after, unset);
    if (next < beforeKeys.length) {
      if (beforeKeys[next] !== key) return undefined;
      next += 1;
      if (after[key] !== before[key]) set[key] = after[key];
    } else {
      if (Object.prototype.hasOwnProperty.call(before, key)) return undefined;
      set[key] = after[key];
    }
  }
  next = skipRemoved(beforeKeys, next, after, unset);
  return next === beforeKeys.length ? { set, unset } : undefined;
}

/** Moves the cursor over `before`'s keys past those `after` no longer has, listing them in `unset`. */
function skipRemoved(beforeKeys: string[], from: number, after: Document, unset: string[]): number {
  let next = from;
  while (next < beforeKeys.length && !Object.prototype.hasOwnProperty.call(after, beforeKeys[next]!)) unset.push(beforeKeys[next++]!);
  return next;
}

/** `doc` with the patch applied: its kept fields where they were, the new ones after them in the patch's order. */
export function applyPatch(doc: Document, patch: DocumentPatch): Document {
  const next: Document = { ...doc };
  for (const key of patch.unset) delete next[key];
  for (const [key, value] of Object.entries(patch.set)) next[key] = value;
  return next;
}
