import type { Request, Router } from 'express';
import type { Redis } from 'ioredis';
import type { Principal } from '../identity/index.js';
import type { Logger } from '../platform/logging/logger.js';
import { LiveBus } from './live-bus.js';
import type { LiveConnection } from './live-connection.js';
import type { LiveEvent } from './live-event.js';
import { createLiveRoutes } from './live.routes.js';
import { KeyedThrottle } from './live-throttle.js';

export type { LiveEvent } from './live-event.js';
export { liveOpenApi } from './live.openapi.js';

export interface LiveDeps {
  redis: Redis;
  log: Logger;
  /** Only a process that serves the console listens; a worker only publishes. */
  serve: boolean;
  recheck: (req: Request) => Promise<Principal | undefined>;
  heartbeatMs?: number;
}

/** What features tell the open consoles; never throws and never waits (a lost event costs a refetch, not a change). */
export interface LivePublisher {
  publish(event: LiveEvent): void;
  /** An announcement's deliveries moved: told at most twice a second per announcement. */
  deliveryProgress(announcementId: string): void;
}

export interface Live extends LivePublisher {
  /** Mount at `/api/v1`: `GET /events`. */
  routes: Router;
  stop(): Promise<void>;
}

const PROGRESS_INTERVAL_MS = 500;
const COUNTS_INTERVAL_MS = 1000;
const HEARTBEAT_MS = 15_000;

/** The live event stream: changes from any process, through Redis, to every console that may read them. */
export async function createLive(deps: LiveDeps): Promise<Live> {
  const bus = new LiveBus(deps.redis, deps.log);
  if (deps.serve) await bus.start();
  const open = new Set<LiveConnection>();
  const progress = new KeyedThrottle(PROGRESS_INTERVAL_MS);
  const counts = new KeyedThrottle(COUNTS_INTERVAL_MS);
  const publish = (event: LiveEvent): void => {
    bus.publish(event).catch((error: unknown) => deps.log.warn({ err: error, event: event.name }, 'live event not published'));
  };
  return {
    routes: createLiveRoutes({ bus, recheck: deps.recheck, heartbeatMs: deps.heartbeatMs ?? HEARTBEAT_MS, open }),
    publish(event) {
      publish(event);
      // The menu shows how many wait and how many notices need a translation: both move with these.
      if (event.name === 'conversation' || event.name === 'announcement') counts.run('counts', () => publish({ name: 'counts', data: {} }));
    },
    deliveryProgress(announcementId) {
      progress.run(announcementId, () => publish({ name: 'delivery-progress', data: { announcementId } }));
    },
    // Called twice by the service: before the HTTP server closes (its streams) and at the end (the rest).
    async stop() {
      progress.stop();
      counts.stop();
      for (const connection of open) connection.close();
      await bus.stop();
    },
  };
}
