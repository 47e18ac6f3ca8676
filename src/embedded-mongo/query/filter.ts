import { Query } from 'mingo/query';
import type { Document } from 'bson';
import { mingoOptions } from './mingo-options.js';
import { refuseUnsupportedOperators } from './refused-operators.js';

export type DocumentPredicate = (doc: Document) => boolean;

const MATCH_ALL: DocumentPredicate = () => true;

/** Compiles a MongoDB filter once; mingo does the matching. */
export function compileFilter(filter: Document | undefined | null): DocumentPredicate {
  if (!filter || Object.keys(filter).length === 0) return MATCH_ALL;
  refuseUnsupportedOperators(filter);
  const query = new Query(filter, mingoOptions());
  return (doc) => query.test(doc);
}
