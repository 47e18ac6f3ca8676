import { EJSON, type Document } from 'bson';

/** Entities a match may refer to: session lsids and saved results. */
export interface MatchEntities {
  lsid(sessionId: string): Document;
  entity(id: string): unknown;
}

type Path = string;

function isDocument(value: unknown): value is Document {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function numeric(value: unknown): number | null {
  if (typeof value === 'number') return value;
  const tag = (value as { _bsontype?: string } | null)?._bsontype;
  if (tag === 'Long' || tag === 'Int32' || tag === 'Double') return Number(String(value));
  return null;
}

function typeNames(value: unknown): string[] {
  if (value === null) return ['null'];
  if (typeof value === 'string') return ['string'];
  if (typeof value === 'boolean') return ['bool'];
  if (typeof value === 'number') return Number.isInteger(value) ? ['int', 'long', 'double', 'number'] : ['double', 'number'];
  if (Array.isArray(value)) return ['array'];
  if (value instanceof Date) return ['date'];
  if (value instanceof RegExp) return ['regex'];
  const tag = (value as { _bsontype?: string })._bsontype;
  const byTag: Record<string, string[]> = {
    ObjectId: ['objectId'], Long: ['long', 'number'], Int32: ['int', 'number'], Double: ['double', 'number'],
    Decimal128: ['decimal', 'number'], Binary: ['binData'], Timestamp: ['timestamp'], BSONRegExp: ['regex'],
  };
  return (tag && byTag[tag]) || ['object'];
}

function scalarEquals(expected: unknown, actual: unknown): boolean {
  const a = numeric(expected);
  const b = numeric(actual);
  if (a !== null || b !== null) return a !== null && b !== null && a === b;
  if (expected instanceof Date || actual instanceof Date) {
    return expected instanceof Date && actual instanceof Date && expected.getTime() === actual.getTime();
  }
  return EJSON.stringify({ v: expected }, { relaxed: false }) === EJSON.stringify({ v: actual }, { relaxed: false });
}

const show = (value: unknown): string => (value === undefined ? 'undefined' : EJSON.stringify(value as never, { relaxed: true }));

/**
 * The unified test format's match rules (see its "Evaluating Matches"); returns null on a match,
 * or a one-line difference naming the path.
 */
export function matchValue(expected: unknown, actual: unknown, root: boolean, entities: MatchEntities, path: Path = ''): string | null {
  // The driver sends sort and index keys as Maps, to keep their order.
  if (actual instanceof Map) actual = Object.fromEntries(actual);
  if (isDocument(expected)) {
    const keys = Object.keys(expected);
    if (keys.length === 1 && keys[0]!.startsWith('$$')) return matchOperator(keys[0]!, expected[keys[0]!], actual, root, entities, path);
    if (!isDocument(actual) && !(actual && typeof actual === 'object' && !Array.isArray(actual))) {
      return `${path || '<root>'}: expected a document, got ${show(actual)}`;
    }
    const actualDoc = actual as Document;
    for (const key of keys) {
      const want = expected[key];
      const at = path ? `${path}.${key}` : key;
      if (isDocument(want) && Object.keys(want).length === 1) {
        const op = Object.keys(want)[0]!;
        if (op === '$$exists') {
          const present = key in actualDoc && actualDoc[key] !== undefined;
          if (present !== Boolean(want[op])) return `${at}: expected ${want[op] ? 'present' : 'absent'}`;
          continue;
        }
        if (op === '$$unsetOrMatches') {
          if (!(key in actualDoc) || actualDoc[key] === undefined) continue;
          const diff = matchValue(want[op], actualDoc[key], false, entities, at);
          if (diff) return diff;
          continue;
        }
      }
      if (!(key in actualDoc) || actualDoc[key] === undefined) return `${at}: missing (expected ${show(want)})`;
      const diff = matchValue(want, actualDoc[key], false, entities, at);
      if (diff) return diff;
    }
    if (!root) {
      const extra = Object.keys(actualDoc).filter((key) => !(key in expected) && actualDoc[key] !== undefined);
      if (extra.length > 0) return `${path || '<root>'}: unexpected field(s) ${extra.join(', ')}`;
    }
    return null;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path || '<root>'}: expected an array, got ${show(actual)}`;
    if (actual.length !== expected.length) return `${path || '<root>'}: expected ${expected.length} elements, got ${actual.length} (${show(actual)})`;
    for (let i = 0; i < expected.length; i += 1) {
      // Documents of an iterable result (find, aggregate) are root-level; a plain array's (distinct) are not.
      const diff = matchValue(expected[i], actual[i], root, entities, `${path}[${i}]`);
      if (diff) return diff;
    }
    return null;
  }
  return scalarEquals(expected, actual) ? null : `${path || '<root>'}: expected ${show(expected)}, got ${show(actual)}`;
}

function matchOperator(op: string, operand: unknown, actual: unknown, root: boolean, entities: MatchEntities, path: Path): string | null {
  const at = path || '<root>';
  switch (op) {
    case '$$type': {
      const wanted = Array.isArray(operand) ? operand.map(String) : [String(operand)];
      if (actual === undefined) return `${at}: missing (expected type ${wanted.join('|')})`;
      return typeNames(actual).some((name) => wanted.includes(name)) ? null : `${at}: expected type ${wanted.join('|')}, got ${show(actual)}`;
    }
    case '$$unsetOrMatches':
      return actual === undefined ? null : matchValue(operand, actual, root, entities, path);
    case '$$exists':
      return (actual !== undefined) === Boolean(operand) ? null : `${at}: expected ${operand ? 'present' : 'absent'}`;
    case '$$sessionLsid':
      return matchValue(entities.lsid(String(operand)), actual, false, entities, path);
    case '$$matchesEntity':
      return matchValue(entities.entity(String(operand)), actual, root, entities, path);
    case '$$matchesHexBytes':
      return typeof actual === 'string' && Buffer.from(actual).toString('hex') === String(operand).toLowerCase() ? null : `${at}: bytes differ`;
    case '$$lte': {
      const a = numeric(actual);
      const b = numeric(operand);
      return a !== null && b !== null && a <= b ? null : `${at}: expected <= ${show(operand)}, got ${show(actual)}`;
    }
    case '$$matchAsDocument':
      return typeof actual === 'string' ? matchValue(operand, EJSON.parse(actual), false, entities, path) : `${at}: expected a JSON string`;
    case '$$matchAsRoot':
      return matchValue(operand, actual, true, entities, path);
    default:
      return `${at}: unknown special operator ${op}`;
  }
}
