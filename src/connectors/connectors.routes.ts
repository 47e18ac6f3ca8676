import { Router } from 'express';
import { requireRole } from '../platform/http/auth-guard.js';
import type { ConnectorRegistry } from './connector-registry.js';

/** `GET /api/v1/connectors`: every account's state, with the QR payload the console draws while a login is needed. */
export function createConnectorsRouter(deps: { registry: Pick<ConnectorRegistry, 'statuses'> }): Router {
  const router = Router();
  router.get('/', requireRole(['admin', 'editor', 'mediator', 'viewer']), (_req, res) => {
    res.json(deps.registry.statuses());
  });
  return router;
}
