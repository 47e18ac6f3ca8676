import type { Document } from 'bson';
import { isPlainObject } from './clone-document.js';
import { bsonEquals } from '../indexes/bson-order.js';

/** The same fields in the same order holding the same stored values: an update that leaves a document so changes nothing. */
export function deepEqualDocuments(a: Document, b: Document): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((key, i) => key === kb[i] && sameStoredValue(a[key], b[key]));
}

export function sameStoredValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameStoredValue(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) return deepEqualDocuments(a, b);
  // Numbers of different BSON widths are different stored values even when they compare equal.
  return typeof a === 'object' && bsonEquals(a, b) && (a as object).constructor === (b as object)?.constructor;
}
