import type { Request } from 'express';
import { InvalidInput } from '../platform/errors.js';

/**
 * The version a client based its change on: the `If-Match` ETag (`"7"` or `W/"7"`, as sent by
 * our responses' `ETag`) or a `version` field in the body. Neither means "apply to whatever is current".
 */
export function expectedVersion(req: Request, bodyVersion: number | undefined): number | undefined {
  const header = req.get('if-match');
  if (header === undefined || header.trim() === '*') return bodyVersion;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match?.[1]) throw new InvalidInput([{ field: 'headers.if-match', message: 'must be the ETag of the announcement, e.g. "3"' }]);
  const fromHeader = Number(match[1]);
  if (bodyVersion !== undefined && bodyVersion !== fromHeader) {
    throw new InvalidInput([{ field: 'version', message: 'differs from If-Match' }]);
  }
  return fromHeader;
}
