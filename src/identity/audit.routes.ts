import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../platform/http/auth-guard.js';
import { parseQuery } from '../platform/http/validate.js';
import type { AuditLog } from './audit.service.js';
import type { AuditTargetLabels } from './audit-labels.js';
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

/**
 * `GET /api/v1/audit`: newest first; pass `next` (the last id) as `before` for the next page. Admins only. Each
 * event has its stable `action` code and a `targetLabel` to show in words.
 */
export function createAuditRoutes(audit: AuditLog, labels: AuditTargetLabels): Router {
  const router = Router();
  router.get('/', requireRole(['admin'], 'audit:read'), async (req, res) => {
    const query = parseQuery(ListAuditQuery, req);
    const items = await labels.label(await audit.list(query));
    const last = items[items.length - 1];
    res.json({ items, ...(items.length === query.limit && last ? { next: last.id } : {}) });
  });
  return router;
}
