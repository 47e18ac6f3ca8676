import type { RequestHandler } from 'express';
import { InvalidInput } from '../errors.js';

/** No request Sportello accepts nests deeper than a handful of levels; 32 leaves room and bounds every walk over a body. */
export const MAX_BODY_DEPTH = 32;

/** How deep a parsed JSON value nests, walked without recursion (a hostile body cannot overflow the stack), stopping past `limit`. */
export function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (current === null || typeof current !== 'object') continue;
    const here = depth + 1;
    deepest = Math.max(deepest, here);
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) pending.push([child, here]);
  }
  return deepest;
}

/**
 * Refuses a JSON body nested deeper than `MAX_BODY_DEPTH` with a 400 naming `body`, before any route, schema or
 * key check walks it: 5,000 levels of `[[[…]]]` once overflowed the stack in those walks and answered 500.
 */
export const refuseDeepBodies: RequestHandler = (req, _res, next) => {
  if (req.body !== null && typeof req.body === 'object' && depthOf(req.body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
    throw new InvalidInput([{ field: 'body', message: `nested deeper than ${MAX_BODY_DEPTH} levels` }]);
  }
  next();
};
