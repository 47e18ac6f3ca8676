import { EJSON } from 'bson';

/**
 * A string equal for every `_id` MongoDB considers equal (1, 1.0 and Long(1) included),
 * so the `_id` index is a plain Map.
 */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return `s${id}`;
  if (typeof id === 'number') return `n${Object.is(id, -0) ? 0 : id}`;
  const tag = (id as { _bsontype?: string } | null)?._bsontype;
  if (tag === 'ObjectId') return `o${(id as { toHexString(): string }).toHexString()}`;
  if (tag === 'Long' || tag === 'Int32' || tag === 'Double') return `n${Number(String(id))}`;
  if (id instanceof Date) return `d${id.getTime()}`;
  return `x${EJSON.stringify({ v: id }, { relaxed: false })}`;
}
