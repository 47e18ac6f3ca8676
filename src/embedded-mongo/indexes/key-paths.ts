import type { Document } from 'bson';

/**
 * Every value a dotted path reaches in a document, descending through arrays the way a
 * multikey index does. A missing field indexes as null, as in MongoDB.
 */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  if (!path.includes('.') && doc !== null && typeof doc === 'object' && !Array.isArray(doc)) return topLevelValues((doc as Document)[path]);
  const out: unknown[] = [];
  collect(doc, path.split('.'), 0, out);
  return out.length > 0 ? out : [null];
}

/** What `collect` gives for a field of the document itself, without splitting its name (filters ask per document). */
function topLevelValues(value: unknown): unknown[] {
  if (value === undefined) return [null];
  if (!Array.isArray(value)) return [value];
  return value.length === 0 ? [undefined] : [...value];
}

function collect(value: unknown, parts: string[], depth: number, out: unknown[]): void {
  if (depth === parts.length) {
    if (Array.isArray(value)) {
      if (value.length === 0) out.push(undefined);
      for (const item of value) out.push(item);
    } else {
      out.push(value === undefined ? null : value);
    }
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const part = parts[depth]!;
  if (Array.isArray(value)) {
    if (/^\d+$/.test(part) && value[Number(part)] !== undefined) collect(value[Number(part)], parts, depth + 1, out);
    for (const item of value) if (item !== null && typeof item === 'object' && !Array.isArray(item)) collect(item, parts, depth, out);
    return;
  }
  const next = (value as Document)[part];
  if (next === undefined) return;
  collect(next, parts, depth + 1, out);
}

/** True when the path reaches no value at all, which matters for sparse indexes. */
export function isMissing(doc: unknown, path: string): boolean {
  const out: unknown[] = [];
  collect(doc, path.split('.'), 0, out);
  return out.length === 0;
}

/** The cartesian product of the per-field values: one index key per combination. */
export function keyTuples(perField: unknown[][]): unknown[][] {
  let tuples: unknown[][] = [[]];
  for (const values of perField) {
    const unique = dedupeValues(values);
    const next: unknown[][] = [];
    for (const tuple of tuples) for (const value of unique) next.push([...tuple, value]);
    tuples = next;
  }
  return tuples;
}

/** Drops repeated primitives, so an array holding a value twice gives one index key. */
export function dedupeValues(values: unknown[]): unknown[] {
  if (values.length < 2) return values;
  const seen = new Set<unknown>();
  return values.filter((value) => {
    const primitive = value === null || typeof value !== 'object';
    if (!primitive) return true;
    if (seen.has(value)) return false;
    seen.add(value);
    return true;
  });
}
