import type { Document } from 'bson';

function isPlainObject(value: unknown): value is Document {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Copies the plain objects and arrays of a document and shares the bson values, which are
 * never mutated: enough for mingo's in-place updaters to leave the stored version alone.
 */
export function cloneDocument<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => cloneDocument(item)) as T;
  if (!isPlainObject(value)) return value;
  const out: Document = {};
  for (const key of Object.keys(value)) out[key] = cloneDocument(value[key]);
  return out as T;
}

export { isPlainObject };
