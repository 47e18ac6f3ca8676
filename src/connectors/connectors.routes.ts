import { Router } from 'express';
import QRCode from 'qrcode';
import { z } from 'zod';
import { requireRole } from '../platform/http/auth-guard.js';
import { parseParams } from '../platform/http/validate.js';
import { NotFound } from '../platform/errors.js';
import type { ConnectorRegistry } from './connector-registry.js';
import { AccountId } from '../platform/account-id.js';

const AccountParams = z.strictObject({ account: AccountId });

/**
 * `GET /api/v1/connectors/:account/login-qr.svg`: the code to scan with the account's phone while the account
 * waits for a login (WhatsApp's "Linked devices", WeChat's login), drawn here so that an admin can link it from
 * the console. The account states themselves are dispatch's `GET /api/v1/connectors`, with its pauses.
 */
export function createConnectorLoginRoutes(deps: { registry: Pick<ConnectorRegistry, 'statuses'> }): Router {
  const router = Router();
  router.get('/:account/login-qr.svg', requireRole(['admin'], 'connectors:admin'), async (req, res) => {
    const { account } = parseParams(AccountParams, req);
    const status = deps.registry.statuses().find((s) => s.account === account);
    if (!status?.qr) throw new NotFound('connector.no_login_pending', `account ${account} is not waiting for a login`);
    // A login code is short-lived and links a device to the town's account: never cached anywhere.
    res.set('Cache-Control', 'no-store').type('image/svg+xml').send(await QRCode.toString(status.qr, { type: 'svg', margin: 2 }));
  });
  return router;
}
