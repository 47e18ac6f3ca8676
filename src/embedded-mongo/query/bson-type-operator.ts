import { resolve } from 'mingo/util';
import type { Options } from 'mingo/types';

/**
 * `$type` aware of the bson classes: mingo knows JS types only, so `objectId`, `binData`,
 * `long`, `timestamp` and the numeric aliases never matched.
 */
const ALIASES: Record<string, string> = {
  1: 'double', 2: 'string', 3: 'object', 4: 'array', 5: 'binData', 6: 'undefined', 7: 'objectId', 8: 'bool',
  9: 'date', 10: 'null', 11: 'regex', 13: 'javascript', 16: 'int', 17: 'timestamp', 18: 'long', 19: 'decimal',
  [-1]: 'minKey', 127: 'maxKey',
};

function typeNamesOf(value: unknown): string[] {
  if (value === null) return ['null'];
  if (value === undefined) return ['undefined'];
  if (typeof value === 'string') return ['string'];
  if (typeof value === 'boolean') return ['bool'];
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) <= 2 ** 31 - 1 ? ['int', 'number'] : ['double', 'number'];
  if (Array.isArray(value)) return ['array'];
  if (value instanceof Date) return ['date'];
  if (value instanceof RegExp) return ['regex'];
  switch ((value as { _bsontype?: string })._bsontype) {
    case 'ObjectId': return ['objectId'];
    case 'Long': return ['long', 'number'];
    case 'Int32': return ['int', 'number'];
    case 'Double': return ['double', 'number'];
    case 'Decimal128': return ['decimal', 'number'];
    case 'Binary': return ['binData'];
    case 'Timestamp': return ['timestamp'];
    case 'BSONRegExp': return ['regex'];
    case 'MinKey': return ['minKey'];
    case 'MaxKey': return ['maxKey'];
    case 'Code': return ['javascript'];
    default: return ['object'];
  }
}

function matchesType(value: unknown, wanted: unknown): boolean {
  const name = typeof wanted === 'number' ? ALIASES[wanted] : String(wanted);
  return name !== undefined && typeNamesOf(value).includes(name);
}

export function $type(selector: string, wanted: unknown, _options: Options): (doc: unknown) => boolean {
  const types = Array.isArray(wanted) ? wanted : [wanted];
  return (doc) => {
    const whole = resolve(doc as Record<string, unknown>, selector);
    if (whole === undefined) return false;
    const candidates = Array.isArray(whole) ? [whole, ...whole] : [whole];
    return candidates.some((value) => types.some((t) => matchesType(value, t)));
  };
}
