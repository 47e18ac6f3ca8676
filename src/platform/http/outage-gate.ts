import type { Request, RequestHandler } from 'express';
import { DomainError } from '../errors.js';

/** A system the service cannot work without, and whether it answers now (`dependency-watch.ts`). */
export interface Dependency {
  name: 'mongodb' | 'redis';
  isUp(): boolean;
}

const DESCRIPTION: Record<Dependency['name'], string> = {
  mongodb: 'the database (MongoDB)',
  redis: 'the queue and sign-in store (Redis)',
};

/** How long clients and proxies are told to wait before trying again. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

export class DependencyUnavailable extends DomainError {
  readonly code = 'service.unavailable';
  readonly kind = 'unavailable';
  constructor(readonly dependency: Dependency['name'], action?: string) {
    super(`${action ? `${action}: ` : ''}${DESCRIPTION[dependency]} is not reachable; try again in a few seconds`);
    this.retryAfterSeconds = OUTAGE_RETRY_AFTER_SECONDS;
  }
}

/**
 * While a dependency a request needs is down, the request is answered at once with a 503 and `Retry-After`,
 * before authentication or a route touches it: otherwise each request waited for the driver's server selection
 * (about 10 s) and answered 500. `needs` says which dependencies a request uses (the policy is `main.ts`'s).
 */
export function createOutageGate(deps: {
  dependencies: Dependency[];
  needs: (req: Request) => ReadonlyArray<Dependency['name']>;
  /** What the request was for, said in the problem's detail (e.g. "sign-in"). */
  actionOf?: (req: Request) => string | undefined;
}): RequestHandler {
  return (req, _res, next) => {
    const needed = deps.needs(req);
    const down = needed.length > 0 ? deps.dependencies.find((d) => needed.includes(d.name) && !d.isUp()) : undefined;
    if (down) throw new DependencyUnavailable(down.name, deps.actionOf?.(req));
    next();
  };
}

const MONGO_OUTAGE_ERRORS = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
]);

/**
 * The dependency an unexpected error says is unreachable, if it says so: a request already past the gate when the
 * outage began still gets a 503 instead of a 500. Matched by name and message, as the drivers' classes are theirs.
 */
export function outageBehind(error: unknown): Dependency['name'] | undefined {
  if (!(error instanceof Error)) return undefined;
  if (MONGO_OUTAGE_ERRORS.has(error.name) || /buffering timed out/.test(error.message)) return 'mongodb';
  if (error.name === 'MaxRetriesPerRequestError' || /^(Stream isn't writeable|Connection is closed)/.test(error.message)) return 'redis';
  return undefined;
}
