import type { Document } from 'bson';
import type { Workspace } from '../storage/workspace.js';
import type { SortSpec } from '../indexes/index-plan.js';
import { projectDocuments } from './project-documents.js';
import { compileFilter } from './filter.js';
import { refuseUnsupportedOperators } from './refused-operators.js';
import { sortDocuments } from '../aggregation/sort-in-slices.js';

export interface Selection {
  filter?: Document;
  sort?: Document;
  skip?: number;
  limit?: number;
  projection?: Document;
  /** The command's `let` (see letVariables). */
  variables?: Document;
}

/**
 * find's semantics over a workspace: candidates from the planner, the filter, then sort, skip,
 * limit and projection. When the candidates already come in sort order (or there is no sort),
 * the scan stops as soon as the limit is reached.
 */
export function selectDocuments(workspace: Workspace, db: string, coll: string, selection: Selection): Document[] {
  const filter = selection.filter ?? {};
  refuseUnsupportedOperators(filter);
  refuseUnsupportedOperators(selection.projection);
  const sort = selection.sort && Object.keys(selection.sort).length > 0 ? normaliseSort(selection.sort) : undefined;
  const projection = selection.projection && Object.keys(selection.projection).length > 0 ? selection.projection : undefined;
  const skip = selection.skip ?? 0;
  const limit = Math.abs(selection.limit ?? 0);
  const matches = compileFilter(filter, selection.variables);
  const scan = workspace.scan(db, coll, filter, sort);
  const found: Document[] = [];
  if (scan.ordered) {
    let skipped = 0;
    scan.forEach((doc) => {
      if (!matches(doc)) return true;
      if (skipped < skip) {
        skipped += 1;
        return true;
      }
      found.push(doc);
      return limit === 0 || found.length < limit;
    });
    return projection ? projectDocuments(found, projection, filter) : found;
  }
  scan.forEach((doc) => {
    if (matches(doc)) found.push(doc);
    return true;
  });
  const page = sortDocuments(found, sort!).slice(skip, limit ? skip + limit : undefined);
  return projection ? projectDocuments(page, projection, filter) : page;
}

function normaliseSort(sort: Document): SortSpec {
  const out: SortSpec = {};
  for (const [field, direction] of Object.entries(sort)) out[field] = Number(direction) < 0 ? -1 : 1;
  return out;
}
