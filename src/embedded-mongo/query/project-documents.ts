import { Query } from 'mingo/query';
import type { Document } from 'bson';
import { mingoOptions } from './mingo-options.js';

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

/**
 * find's and findAndModify's projection. Top-level inclusions (a claim reads 11 fields of 32 deliveries, a
 * fan-out 4 of each group) are copied directly: mingo resolves a projection graph for every document, which
 * cost more than the rest of those reads. Anything else goes through mingo.
 */
export function projectDocuments(docs: Document[], projection: Document): Document[] {
  const project = topLevelInclusion(projection);
  if (project) return docs.map(project);
  return new Query({}, mingoOptions()).find<Document>(docs, projection).all();
}
