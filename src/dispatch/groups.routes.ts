import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../platform/http/auth-guard.js';
import { parseBody, parseParams, parseQuery } from '../platform/http/validate.js';
import { AccountId } from '../platform/account-id.js';
import { GroupBody, ImportBody, ReachQuery } from './groups.schemas.js';
import type { GroupsService } from './groups.service.js';

const IdParams = z.strictObject({ id: z.string().min(1).max(64) });
const ListQuery = z.strictObject({
  account: AccountId.optional(),
  language: z.string().max(35).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(1000),
  after: z.string().regex(/^[0-9a-f]{24}$/, 'is not a group id').optional(),
});

/** `/api/v1/groups`: staff read the registry, editors change it. */
export function createGroupsRoutes(groups: GroupsService): Router {
  const router = Router();
  router.get('/', requireRole(['viewer', 'editor', 'mediator'], 'groups:read'), async (req, res) => {
    const { limit, after, ...filter } = parseQuery(ListQuery, req);
    const items = await groups.list(filter, { limit, ...(after ? { after } : {}) });
    const last = items[items.length - 1];
    res.json({ items, ...(items.length === limit && last ? { next: last.id } : {}) });
  });
  // Before `/:id`, which would take `reach` for an id.
  router.get('/reach', requireRole(['viewer', 'editor', 'mediator'], 'groups:read'), async (req, res) => {
    const { topics, languages, approved, priority } = parseQuery(ReachQuery, req);
    const notice = languages ? { priority, languages, approvedLanguages: approved ?? [] } : undefined;
    res.json({ topics, items: await groups.reach(topics, notice) });
  });
  router.post('/', requireRole(['editor'], 'groups:write'), async (req, res) => {
    res.status(201).json(await groups.create(parseBody(GroupBody, req)));
  });
  router.post('/import', requireRole(['editor'], 'groups:write'), async (req, res) => {
    const result = await groups.importFromAccount(parseBody(ImportBody, req));
    res.status(201).json({ items: result.imported, alreadyRegistered: result.alreadyRegistered });
  });
  router.get('/:id', requireRole(['viewer', 'editor', 'mediator'], 'groups:read'), async (req, res) => {
    res.json(await groups.get(parseParams(IdParams, req).id));
  });
  router.put('/:id', requireRole(['editor'], 'groups:write'), async (req, res) => {
    res.json(await groups.replace(parseParams(IdParams, req).id, parseBody(GroupBody, req)));
  });
  router.delete('/:id', requireRole(['editor'], 'groups:write'), async (req, res) => {
    await groups.remove(parseParams(IdParams, req).id);
    res.status(204).end();
  });
  return router;
}
