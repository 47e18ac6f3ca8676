import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../platform/http/auth-guard.js';
import { principalOf } from '../identity/index.js';
import { parseBody, parseParams } from '../platform/http/validate.js';
import type { Announcement } from '../announcements/index.js';
import type { ContentLibraryService } from './content-library.service.js';
import type { NoticeTemplate } from './notice-template.js';

export const TemplateParams = z.strictObject({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'is not a template id') });
export const InstantiateTemplateBody = z.strictObject({
  /** One value per placeholder the template declares. */
  values: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), z.string().trim().min(1).max(500)).default({}),
});

const READ = requireRole(['editor', 'mediator', 'viewer'], 'announcements:read');
const WRITE = requireRole(['editor'], 'announcements:write');

function presentTemplate(template: NoticeTemplate) {
  const { contentHash: _hash, ...rest } = template;
  return { ...rest, languages: Object.keys(template.texts) };
}

/** `/api/v1/templates`: browse the content library and start an announcement from it. */
export function createContentLibraryRoutes(library: ContentLibraryService, presentAnnouncement: (announcement: Announcement) => unknown): Router {
  const router = Router();
  router.get('/templates', READ, async (_req, res) => {
    res.json({ items: (await library.list()).map(presentTemplate) });
  });
  router.get('/templates/:id', READ, async (req, res) => {
    const { id } = parseParams(TemplateParams, req);
    res.json(presentTemplate(await library.get(id)));
  });
  router.post('/templates/:id/announcements', WRITE, async (req, res) => {
    const { id } = parseParams(TemplateParams, req);
    const { values } = parseBody(InstantiateTemplateBody, req);
    const created = await library.instantiate(id, values, principalOf(req));
    res.setHeader('Location', `${req.baseUrl}/announcements/${created.id}`);
    res.status(201).setHeader('ETag', `"${created.version}"`);
    res.json(presentAnnouncement(created));
  });
  return router;
}
