import express, { type Express, type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { NotFound } from '../errors.js';
import { refuseDeepBodies } from './json-depth.js';
import { problemHandler, type TitleTranslator } from './problem.js';
import { scrubPersonalData } from '../logging/logger.js';

export interface Mount {
  path: string;
  router: Router | RequestHandler;
}

export interface HttpAppDeps {
  log: Logger;
  bodyLimit: string;
  /**
   * Express's `trust proxy`: which proxies' `X-Forwarded-For` gives `req.ip` (the address the sign-in throttle and
   * the audit trail see). Default: loopback only.
   */
  trustProxy?: false | number | string[];
  translateTitle: TitleTranslator;
  /** Runs first, before authentication: answers 503 at once while a dependency the request needs is down. */
  outageGate?: RequestHandler;
  /** Runs on every request before the routes: identity's authentication (sets `req.principal`). */
  authenticate?: RequestHandler;
  /** Public routes first (health, metrics, notice pages), then the API. */
  mounts: Mount[];
}

/**
 * Express 5 app: request ids, request logs without personal data, security headers with a strict CSP,
 * bounded JSON bodies, the features' routers, and problem+json for everything that goes wrong.
 */
export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? ['loopback']);
  app.set('query parser', 'simple');
  app.use(
    pinoHttp({
      logger: deps.log,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: scrubPersonalData(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
    }),
  );
  app.use(express.json({ limit: deps.bodyLimit, type: ['application/json', 'application/*+json'] }));
  app.use(express.urlencoded({ extended: false, limit: deps.bodyLimit }));
  app.use(refuseDeepBodies);
  if (deps.outageGate) app.use(deps.outageGate);
  if (deps.authenticate) app.use(deps.authenticate);
  for (const mount of deps.mounts) app.use(mount.path, mount.router);
  app.use((req) => {
    throw new NotFound('route.not_found', `no route for ${req.method} ${scrubPersonalData(req.path)}`);
  });
  app.use(problemHandler(deps.log, deps.translateTitle));
  return app;
}
