import { Query } from 'mingo/query';
import type { Document } from 'bson';
import { mingoOptions } from './mingo-options.js';
import { isPlainObject } from './clone-document.js';
import { badValue } from '../mongo-error.js';

type Projector = (doc: Document) => Document;

const isInclusion = (value: unknown): boolean => value === 1 || value === true;
const isTopLevelName = (field: string): boolean => field !== '' && field !== '__proto__' && !field.includes('.') && !field.startsWith('$');

/**
 * `{ a: 1, b: true, _id: 0 }`: an inclusion of top-level fields, `_id` kept unless excluded. Such a projection
 * copies the document's own fields in the document's order (as MongoDB answers, `_id` first) and shares their
 * values, which stored documents never change in place. Null when the projection says anything else.
 */
function topLevelInclusion(projection: Document): Projector | null {
  const kept = new Set<string>();
  let withId = true;
  for (const [field, value] of Object.entries(projection)) {
    if (field === '_id' && (value === 0 || value === false)) withId = false;
    else if (!isInclusion(value) || !isTopLevelName(field)) return null;
    else kept.add(field);
  }
  // `{ _id: 0 }` alone excludes `_id` and keeps the rest.
  if (kept.size === 0) return null;
  if (withId) kept.add('_id');
  return (doc) => {
    const out: Document = {};
    for (const key of Object.keys(doc)) if (kept.has(key)) out[key] = doc[key];
    return out;
  };
}

const isSpecial = (field: string, value: unknown): boolean =>
  field.endsWith('.$') || (isPlainObject(value) && ('$slice' in value || '$elemMatch' in value));

interface SpecialProjection {
  /** The projection without `$slice`, `$elemMatch` and `field.$`, for mingo. */
  basic: Document;
  specials: Array<[string, unknown]>;
}

/**
 * `$slice`, `$elemMatch` and the positional `field.$`, which mingo gets wrong (`$slice` alone drops the other fields,
 * `$slice` next to an exclusion and `$elemMatch` of operators alone are refused, `field.$` answers `[null]`), are
 * applied here after mingo has projected the rest. As in MongoDB 7, `$elemMatch` and `field.$` include their field;
 * `$slice` takes the projection's side (an inclusion keeps only what it names, otherwise every other field stays).
 */
function splitSpecials(projection: Document): SpecialProjection | null {
  const entries = Object.entries(projection);
  const specials = entries.filter(([field, value]) => isSpecial(field, value));
  if (specials.length === 0) return null;
  const basic: Document = Object.fromEntries(entries.filter(([field, value]) => !isSpecial(field, value)));
  const rest = Object.entries(basic).filter(([field]) => field !== '_id');
  const including = rest.some(([, value]) => !(value === 0 || value === false));
  const excluding = rest.length > 0 && !including;
  const inclusive = including || (!excluding && specials.some(([field, value]) => field.endsWith('.$') || '$elemMatch' in (value as Document)));
  if (inclusive) {
    for (const [field] of specials) basic[field.endsWith('.$') ? field.slice(0, -2) : field] = 1;
  }
  return { basic, specials };
}

function sliceOf(list: unknown[], spec: unknown): unknown[] {
  if (Array.isArray(spec)) {
    const [skip, limit] = spec.map(Number) as [number, number];
    const start = skip < 0 ? Math.max(list.length + skip, 0) : Math.min(skip, list.length);
    return list.slice(start, start + Math.max(limit, 0));
  }
  const n = Number(spec);
  return n >= 0 ? list.slice(0, n) : list.slice(Math.max(list.length + n, 0));
}

function valueAt(doc: Document, path: string): unknown {
  let node: unknown = doc;
  for (const segment of path.split('.')) {
    if (!isPlainObject(node)) return undefined;
    node = node[segment];
  }
  return node;
}

/** Sets (or, for undefined, removes) `path` in `out`, copying the objects on the way so the stored document stays as it was. */
function putAt(out: Document, path: string, value: unknown): void {
  const segments = path.split('.');
  let node = out;
  for (const segment of segments.slice(0, -1)) {
    const child: unknown = node[segment];
    if (!isPlainObject(child)) return;
    node[segment] = { ...child };
    node = node[segment] as Document;
  }
  const last = segments[segments.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

function applySpecials(original: Document, projected: Document, specials: Array<[string, unknown]>, filter: Document | undefined): Document {
  const out: Document = { ...projected };
  for (const [field, value] of specials) {
    if (field.endsWith('.$')) {
      const path = field.slice(0, -2);
      const list = valueAt(original, path);
      if (!Array.isArray(list)) continue;
      const conditions = Object.entries(filter ?? {}).filter(([key]) => key === path || key.startsWith(`${path}.`));
      if (conditions.length === 0) throw badValue(`Executor error during find command :: caused by :: positional operator '${field}' couldn't find a matching element in the array`);
      const query = new Query(Object.fromEntries(conditions), mingoOptions());
      const found = list.find((item) => query.test(setAt(path, [item])));
      putAt(out, path, found === undefined ? undefined : [found]);
      continue;
    }
    const spec = value as Document;
    const list = valueAt(original, field);
    if ('$elemMatch' in spec) {
      const query = new Query({ [field]: { $elemMatch: spec['$elemMatch'] } }, mingoOptions());
      const found = Array.isArray(list) ? list.find((item) => query.test(setAt(field, [item]))) : undefined;
      putAt(out, field, found === undefined ? undefined : [found]);
    } else if (Array.isArray(list) && valueAt(out, field) !== undefined) {
      putAt(out, field, sliceOf(list, spec['$slice']));
    }
  }
  return out;
}

function setAt(path: string, value: unknown): Document {
  const out: Document = {};
  putAtFresh(out, path.split('.'), value);
  return out;
}

function putAtFresh(target: Document, segments: string[], value: unknown): void {
  const [head, ...rest] = segments;
  if (rest.length === 0) target[head!] = value;
  else {
    target[head!] = {};
    putAtFresh(target[head!] as Document, rest, value);
  }
}

/**
 * find's and findAndModify's projection. Top-level inclusions (a claim reads 11 fields of 32 deliveries, a
 * fan-out 4 of each group) are copied directly: mingo resolves a projection graph for every document, which
 * cost more than the rest of those reads. `$slice`, `$elemMatch` and `field.$` are applied here (see
 * `splitSpecials`); anything else goes through mingo. `filter` is the query, which `field.$` refers to.
 */
export function projectDocuments(docs: Document[], projection: Document, filter?: Document): Document[] {
  const project = topLevelInclusion(projection);
  if (project) return docs.map(project);
  const split = splitSpecials(projection);
  if (!split) return new Query({}, mingoOptions()).find<Document>(docs, projection).all();
  const basic = Object.keys(split.basic).length > 0 ? projectDocuments(docs, split.basic) : docs;
  return docs.map((doc, i) => applySpecials(doc, basic[i]!, split.specials, filter));
}
