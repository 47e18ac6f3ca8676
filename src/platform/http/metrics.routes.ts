import { Router } from 'express';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** One Prometheus registry per running service (not prom-client's global), so tests can start several. */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'sportello_' });
  return registry;
}

export function createMetricsRoutes(registry: Registry): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}
