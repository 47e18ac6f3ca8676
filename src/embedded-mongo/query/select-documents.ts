import { Query } from 'mingo/query';
import type { Document } from 'bson';
import type { Workspace } from '../storage/workspace.js';
import { mingoOptions } from './mingo-options.js';
import { refuseUnsupportedOperators } from './refused-operators.js';

export interface Selection {
  filter?: Document;
  sort?: Document;
  skip?: number;
  limit?: number;
  projection?: Document;
}

/** find's semantics over a workspace: index-narrowed candidates, then mingo filter, sort, skip, limit, projection. */
export function selectDocuments(workspace: Workspace, db: string, coll: string, selection: Selection): Document[] {
  const filter = selection.filter ?? {};
  refuseUnsupportedOperators(filter);
  refuseUnsupportedOperators(selection.projection);
  const candidates = workspace.candidates(db, coll, filter);
  const projection = selection.projection && Object.keys(selection.projection).length > 0 ? selection.projection : undefined;
  let cursor = new Query(filter, mingoOptions()).find<Document>(candidates, projection);
  if (selection.sort && Object.keys(selection.sort).length > 0) cursor = cursor.sort(normaliseSort(selection.sort));
  if (selection.skip) cursor = cursor.skip(selection.skip);
  if (selection.limit) cursor = cursor.limit(Math.abs(selection.limit));
  return cursor.all();
}

function normaliseSort(sort: Document): Record<string, 1 | -1> {
  const out: Record<string, 1 | -1> = {};
  for (const [field, direction] of Object.entries(sort)) out[field] = Number(direction) < 0 ? -1 : 1;
  return out;
}
