import * as mingoStages from 'mingo/operators/pipeline';
import { MongoCommandError } from '../mongo-error.js';

/** Features refused by design: an error is better than a silently wrong answer. */
const REFUSED_QUERY = new Set([
  '$where', '$text', '$near', '$nearSphere', '$geoWithin', '$geoIntersects', '$within', '$box', '$center',
  '$centerSphere', '$polygon', '$geometry', '$search', '$function', '$accumulator',
]);

const REFUSED_STAGES = new Set(['$changeStream', '$out', '$merge', '$search', '$searchMeta', '$geoNear', '$vectorSearch', '$currentOp', '$listSessions', '$collStats', '$indexStats', '$planCacheStats']);

export function refuseUnsupportedOperators(expression: unknown): void {
  if (expression === null || typeof expression !== 'object') return;
  if (Array.isArray(expression)) {
    for (const item of expression) refuseUnsupportedOperators(item);
    return;
  }
  const proto = Object.getPrototypeOf(expression);
  if (proto !== Object.prototype && proto !== null) return;
  // A plain object's prototype has no enumerable keys: `for in` walks its own, without building entry pairs.
  for (const key in expression) {
    if (REFUSED_QUERY.has(key)) throw new MongoCommandError(2, 'BadValue', `${key} is not supported by the embedded engine`);
    refuseUnsupportedOperators((expression as Record<string, unknown>)[key]);
  }
}

/** Stages the engine runs: mingo's, and `$listLocalSessions`, which the aggregate command answers itself. */
const KNOWN_STAGES = new Set([...Object.keys(mingoStages).filter((name) => name.startsWith('$')), '$listLocalSessions']);

export function refuseUnsupportedStages(pipeline: unknown[]): void {
  for (const stage of pipeline) {
    const name = stage && typeof stage === 'object' ? Object.keys(stage)[0] : undefined;
    if (name && REFUSED_STAGES.has(name)) {
      throw new MongoCommandError(40324, 'Location40324', `Unrecognized pipeline stage name: '${name}' (not supported by the embedded engine)`);
    }
    if (name && !KNOWN_STAGES.has(name)) throw new MongoCommandError(40324, 'Location40324', `Unrecognized pipeline stage name: '${name}'`);
    refuseUnsupportedOperators(stage);
  }
}
