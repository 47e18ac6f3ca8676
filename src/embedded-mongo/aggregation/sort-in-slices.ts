import type { Document } from 'bson';
import { compareBson } from '../indexes/bson-order.js';
import { valuesAtPath } from '../indexes/key-paths.js';
import type { EventLoopYielder } from './event-loop-yielder.js';

const RUN_LENGTH = 4096;

interface Keyed {
  doc: Document;
  keys: unknown[];
}

/** MongoDB sorts an array field by its lowest element ascending and its highest descending. */
function sortValue(doc: Document, path: string, direction: 1 | -1): unknown {
  const values = valuesAtPath(doc, path);
  let best = values[0];
  for (let i = 1; i < values.length; i += 1) {
    const c = compareBson(values[i], best);
    if (direction === 1 ? c < 0 : c > 0) best = values[i];
  }
  return best;
}

/** A `$sort` spec of plain directions (no `$meta`), which this sort can serve. */
export function isDirectionSort(spec: unknown): spec is Record<string, 1 | -1> {
  if (spec === null || typeof spec !== 'object') return false;
  const directions = Object.values(spec);
  return directions.length > 0 && directions.every((d) => d === 1 || d === -1);
}

function keyedComparator(spec: Record<string, 1 | -1>): { key: (doc: Document) => Keyed; compare: (a: Keyed, b: Keyed) => number } {
  const fields = Object.entries(spec);
  return {
    key: (doc) => ({ doc, keys: fields.map(([path, d]) => sortValue(doc, path, d)) }),
    compare: (a, b) => {
      for (let i = 0; i < fields.length; i += 1) {
        const c = compareBson(a.keys[i], b.keys[i]);
        if (c !== 0) return c * fields[i]![1];
      }
      return 0;
    },
  };
}

/** A stable sort in MongoDB's order, in one go: for find, whose candidates are already in memory. */
export function sortDocuments(docs: Document[], spec: Record<string, 1 | -1>): Document[] {
  const { key, compare } = keyedComparator(spec);
  return docs.map(key).sort(compare).map((entry) => entry.doc);
}

/**
 * The same sort, pausing between slices: runs of a few thousand documents are sorted at once,
 * then merged pairwise, so no step holds the event loop long.
 */
export async function sortInSlices(docs: Document[], spec: Record<string, 1 | -1>, yielder: EventLoopYielder): Promise<Document[]> {
  const { key, compare } = keyedComparator(spec);
  let runs: Keyed[][] = [];
  for (let start = 0; start < docs.length; start += RUN_LENGTH) {
    runs.push(docs.slice(start, start + RUN_LENGTH).map(key).sort(compare));
    if (yielder.due()) await yielder.pause();
  }
  while (runs.length > 1) {
    const merged: Keyed[][] = [];
    for (let i = 0; i < runs.length; i += 2) merged.push(i + 1 < runs.length ? await merge(runs[i]!, runs[i + 1]!, compare, yielder) : runs[i]!);
    runs = merged;
  }
  return (runs[0] ?? []).map((entry) => entry.doc);
}

async function merge(a: Keyed[], b: Keyed[], compare: (x: Keyed, y: Keyed) => number, yielder: EventLoopYielder): Promise<Keyed[]> {
  const out: Keyed[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    // Ties take from the earlier run, which keeps the sort stable.
    out.push(compare(b[j]!, a[i]!) < 0 ? b[j++]! : a[i++]!);
    if ((out.length & 1023) === 0 && yielder.due()) await yielder.pause();
  }
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}
