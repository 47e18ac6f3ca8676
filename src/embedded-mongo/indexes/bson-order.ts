/**
 * MongoDB's cross-type sort order (the BSON comparison order) for values as the bson decoder
 * hands them over: numbers of every width compare by value, then types compare by bracket.
 */
const enum Bracket {
  MinKey = 1,
  Null = 2,
  Number = 3,
  String = 4,
  Object = 5,
  Array = 6,
  Binary = 7,
  ObjectId = 8,
  Boolean = 9,
  Date = 10,
  Timestamp = 11,
  RegExp = 12,
  MaxKey = 13,
}

interface BsonTagged {
  _bsontype?: string;
}

export function bracketOf(value: unknown): number {
  if (value === null || value === undefined) return Bracket.Null;
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return Bracket.Number;
    case 'string':
      return Bracket.String;
    case 'boolean':
      return Bracket.Boolean;
    default:
      break;
  }
  if (Array.isArray(value)) return Bracket.Array;
  if (value instanceof Date) return Bracket.Date;
  if (value instanceof RegExp) return Bracket.RegExp;
  switch ((value as BsonTagged)._bsontype) {
    case 'ObjectId':
      return Bracket.ObjectId;
    case 'Long':
    case 'Int32':
    case 'Double':
    case 'Decimal128':
      return Bracket.Number;
    case 'Binary':
      return Bracket.Binary;
    case 'Timestamp':
      return Bracket.Timestamp;
    case 'BSONRegExp':
      return Bracket.RegExp;
    case 'MinKey':
      return Bracket.MinKey;
    case 'MaxKey':
      return Bracket.MaxKey;
    case 'BSONSymbol':
      return Bracket.String;
    default:
      return Bracket.Object;
  }
}

export function compareBson(a: unknown, b: unknown): number {
  // Index keys are mostly strings and plain numbers: compared without working out their brackets.
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'number' && typeof b === 'number' && !Number.isNaN(a) && !Number.isNaN(b)) return a === b ? 0 : a < b ? -1 : 1;
  const ba = bracketOf(a);
  const bb = bracketOf(b);
  if (ba !== bb) return ba - bb;
  switch (ba) {
    case Bracket.Null:
    case Bracket.MinKey:
    case Bracket.MaxKey:
      return 0;
    case Bracket.Number:
      return compareNumbers(a, b);
    case Bracket.String:
      return compareStrings(String(a), String(b));
    case Bracket.Boolean:
      return Number(a) - Number(b);
    case Bracket.Date:
      return (a as Date).getTime() - (b as Date).getTime();
    case Bracket.ObjectId:
      return Buffer.compare((a as { id: Uint8Array }).id, (b as { id: Uint8Array }).id);
    case Bracket.Binary:
      return compareBinary(a as BinaryLike, b as BinaryLike);
    case Bracket.Timestamp:
      return compareBigints(BigInt(String(a)), BigInt(String(b)));
    case Bracket.Array:
      return compareArrays(a as unknown[], b as unknown[]);
    case Bracket.Object:
      return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>);
    default:
      return compareStrings(String(a), String(b));
  }
}

export function bsonEquals(a: unknown, b: unknown): boolean {
  return compareBson(a, b) === 0;
}

function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function toComparable(value: unknown): number | bigint {
  if (typeof value === 'number' || typeof value === 'bigint') return value;
  const tagged = value as BsonTagged & { toBigInt?: () => bigint; valueOf(): unknown; toString(): string };
  if (tagged._bsontype === 'Long' && tagged.toBigInt) return tagged.toBigInt();
  if (tagged._bsontype === 'Decimal128') return Number.parseFloat(tagged.toString());
  return Number(tagged.valueOf());
}

function compareNumbers(a: unknown, b: unknown): number {
  const x = toComparable(a);
  const y = toComparable(b);
  if (typeof x === 'number' && typeof y === 'number') {
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : 1;
    return x === y ? 0 : x < y ? -1 : 1;
  }
  if (typeof x === 'bigint' && typeof y === 'bigint') return compareBigints(x, y);
  // Mixed: one side is a Long beyond 2^53; comparing as numbers keeps the order apart from ties.
  const nx = Number(x);
  const ny = Number(y);
  return nx === ny ? 0 : nx < ny ? -1 : 1;
}

function compareBigints(a: bigint, b: bigint): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

type BinaryLike = { sub_type: number; buffer: Uint8Array; position?: number };

function compareBinary(a: BinaryLike, b: BinaryLike): number {
  const la = a.position ?? a.buffer.length;
  const lb = b.position ?? b.buffer.length;
  if (la !== lb) return la - lb;
  if (a.sub_type !== b.sub_type) return a.sub_type - b.sub_type;
  return Buffer.compare(a.buffer.subarray(0, la), b.buffer.subarray(0, lb));
}

function compareArrays(a: unknown[], b: unknown[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const c = compareBson(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i += 1) {
    const va = a[ka[i]!];
    const vb = b[kb[i]!];
    const byType = bracketOf(va) - bracketOf(vb);
    if (byType !== 0) return byType;
    const byName = compareStrings(ka[i]!, kb[i]!);
    if (byName !== 0) return byName;
    const byValue = compareBson(va, vb);
    if (byValue !== 0) return byValue;
  }
  return ka.length - kb.length;
}
