import { Router, type Request } from 'express';
import { InvalidInput } from '../platform/errors.js';
import { requireRole } from '../platform/http/auth-guard.js';
import { principalOf, ROLES, type Principal } from '../identity/index.js';
import type { LiveBus } from './live-bus.js';
import { LiveConnection } from './live-connection.js';
import { STREAM_ID } from './live-event.js';

export interface LiveRoutesDeps {
  bus: LiveBus;
  /** Who the request's credentials stand for now: a stream whose session ended or whose role changed is closed. */
  recheck: (req: Request) => Promise<Principal | undefined>;
  heartbeatMs: number;
  /** Every open stream, so that stopping the service can end them (an open response would hold the server). */
  open: Set<LiveConnection>;
}

/** Browsers wait this long before reconnecting a dropped stream. */
const RETRY_MS = 2000;

/**
 * `GET /api/v1/events`: server-sent events for the console (any signed-in role). A reconnecting client's
 * `Last-Event-ID` header (or `lastEventId` query parameter, for a page that opens a new EventSource) catches
 * up on what it missed, or gets `reset` when that is no longer kept.
 */
export function createLiveRoutes(deps: LiveRoutesDeps): Router {
  const router = Router();

  router.get('/events', requireRole(ROLES), async (req, res) => {
    const who = principalOf(req);
    const lastEventId = lastEventIdOf(req);
    const start = deps.bus.position;
    // A client catching up is sent what follows its own id; a new one, what follows this process' position.
    const connection = new LiveConnection(res, who, lastEventId ?? start);
    const stopListening = deps.bus.listen((stored) => connection.push(stored));
    const stopResets = deps.bus.onReset(() => connection.reset(deps.bus.position));
    let missed: Awaited<ReturnType<LiveBus['since']>> = [];
    try {
      if (lastEventId) missed = await deps.bus.since(lastEventId);
    } catch (error) {
      stopListening();
      stopResets();
      throw error;
    }

    res.status(200).set({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and the like would otherwise hold the events back in their buffers.
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    res.write(`retry: ${RETRY_MS}\n\n`);
    if (!lastEventId) {
      connection.announcePosition();
      connection.caughtUp([]);
    } else if (missed === 'reset') connection.reset(start);
    else connection.caughtUp(missed);
    deps.open.add(connection);

    const heartbeat = setInterval(() => {
      connection.heartbeat(deps.bus.position);
      void deps
        .recheck(req)
        .then((now) => {
          if (!now || !samePermissions(now, connection.who)) connection.close();
        })
        .catch(() => undefined);
    }, deps.heartbeatMs);
    const cleanUp = (): void => {
      clearInterval(heartbeat);
      stopListening();
      stopResets();
      deps.open.delete(connection);
    };
    res.on('close', cleanUp);
  });

  return router;
}

function lastEventIdOf(req: Request): string | undefined {
  const header = req.get('last-event-id');
  const query = typeof req.query.lastEventId === 'string' ? req.query.lastEventId : undefined;
  const value = header ?? query;
  if (value === undefined || value === '') return undefined;
  if (!STREAM_ID.test(value)) throw new InvalidInput([{ field: header !== undefined ? 'Last-Event-ID' : 'query.lastEventId', message: 'an id received from this stream' }]);
  return value;
}

function samePermissions(a: Principal, b: Principal): boolean {
  return a.userId === b.userId && a.role === b.role && a.languages.join() === b.languages.join() && a.scopes.join() === b.scopes.join();
}
