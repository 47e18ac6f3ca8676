import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { DomainError } from '../errors.js';

/** One Prometheus registry per running service (not prom-client's global), so tests can start several. */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'sportello_' });
  return registry;
}

export class MetricsTokenRequired extends DomainError {
  readonly code = 'metrics.token_required';
  readonly kind = 'unauthenticated';
  constructor() {
    super('send the scraper token (METRICS_TOKEN) as Authorization: Bearer <token>');
  }
}

// Digests of equal length, so the comparison takes the same time whatever the caller sent.
const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** The scraper's own secret, not a staff token: Prometheus cannot sign in, and staff tokens should not sit in its config. */
function requireScraperToken(token: string): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    const sent = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (sent !== undefined && timingSafeEqual(digest(sent), expected)) return next();
    res.set('WWW-Authenticate', 'Bearer realm="metrics"');
    next(new MetricsTokenRequired());
  };
}

/** `GET /metrics`: aggregate counts only; behind `METRICS_TOKEN` when it is set, else for the internal network. */
export function createMetricsRoutes(registry: Registry, options: { token?: string | undefined } = {}): Router {
  const router = Router();
  router.get('/metrics', ...(options.token ? [requireScraperToken(options.token)] : []), async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}
