import type { Request } from 'express';
import type { Dependency } from '../platform/http/outage-gate.js';

type Needed = ReadonlyArray<Dependency['name']>;

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SIGN_IN = '/api/v1/auth/login';

/**
 * Which dependencies a request needs, for the outage gate. Reads of the API and notice pages need MongoDB (every
 * API call reads the caller's session or token there); writes may queue work, and sign-in counts failures, in
 * Redis. The simulator's chats need no Redis: a citizen's message is spooled while Redis is away. The API
 * document, the languages list, the console's files and the probes need neither.
 */
export function dependenciesNeededBy(req: Request): Needed {
  const path = req.path;
  if (path === SIGN_IN) return ['redis', 'mongodb'];
  if (path.startsWith('/admin/queues')) return ['mongodb', 'redis'];
  if (path === '/api/v1/openapi.json' || path.startsWith('/api/v1/languages')) return [];
  if (path.startsWith('/api/v1/simulator/')) return ['mongodb'];
  if (path.startsWith('/api/v1/')) return READS.has(req.method) ? ['mongodb'] : ['mongodb', 'redis'];
  if (path.startsWith('/n/')) return ['mongodb'];
  return [];
}

/** Said first in the 503's detail, so that a person signing in reads why they cannot. */
export function actionBlockedBy(req: Request): string | undefined {
  return req.path === SIGN_IN ? 'sign-in is unavailable' : undefined;
}
