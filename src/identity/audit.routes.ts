import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../platform/http/auth-guard.js';
import { parseQuery } from '../platform/http/validate.js';
import type { AuditLog } from './audit.service.js';
import { ObjectIdParam, PageLimit } from './identity.schemas.js';

const Word = z.string().regex(/^[a-z][a-z_.]{0,63}$/);

export const ListAuditQuery = z.strictObject({
  action: Word.optional(),
  actorId: ObjectIdParam.optional(),
  targetType: Word.optional(),
  targetId: z.string().regex(/^[\w-]{1,64}$/).optional(),
  before: ObjectIdParam.optional(),
  limit: PageLimit,
});

/** `GET /api/v1/audit`: newest first; pass the last id as `before` for the next page. Admins only. */
export function createAuditRoutes(audit: AuditLog): Router {
  const router = Router();
  router.get('/', requireRole(['admin'], 'audit:read'), async (req, res) => {
    const query = parseQuery(ListAuditQuery, req);
    res.json({ items: await audit.list(query) });
  });
  return router;
}
