import { Router } from 'express';
import { requireRole } from '../../platform/http/auth-guard.js';
import { principalOf } from '../../identity/index.js';
import { parseBody, parseParams, parseQuery } from '../../platform/http/validate.js';
import type { SavedRepliesService } from './saved-replies.service.js';
import { SavedReplyBody, SavedReplyParams, SavedReplyQuery } from './saved-replies.schemas.js';

/** `/api/v1/inbox/saved-replies`: read by every inbox reader, kept by admins and the language's mediators. */
export function createSavedReplyRoutes(replies: SavedRepliesService): Router {
  const router = Router();
  const readers = requireRole(['viewer', 'editor', 'mediator'], 'inbox:read');
  const workers = requireRole(['mediator'], 'inbox:write');

  router.get('/', readers, async (req, res) => {
    const { language } = parseQuery(SavedReplyQuery, req);
    res.json({ items: await replies.list(principalOf(req), language) });
  });

  router.post('/', workers, async (req, res) => {
    const created = await replies.create(principalOf(req), parseBody(SavedReplyBody, req));
    res.status(201).setHeader('Location', `${req.baseUrl}/${created.id}`).json(created);
  });

  router.get('/:id', readers, async (req, res) => {
    res.json(await replies.get(principalOf(req), parseParams(SavedReplyParams, req).id));
  });

  router.put('/:id', workers, async (req, res) => {
    const { id } = parseParams(SavedReplyParams, req);
    res.json(await replies.replace(principalOf(req), id, parseBody(SavedReplyBody, req)));
  });

  router.delete('/:id', workers, async (req, res) => {
    await replies.remove(principalOf(req), parseParams(SavedReplyParams, req).id);
    res.status(204).end();
  });

  return router;
}
