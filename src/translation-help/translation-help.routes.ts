import { Router, type Response } from 'express';
import { expectedVersion, TranslationParams, type Announcement } from '../announcements/index.js';
import { requireRole } from '../platform/http/auth-guard.js';
import { principalOf } from '../identity/index.js';
import { parseBody, parseParams, parseQuery } from '../platform/http/validate.js';
import type { GlossaryService } from './glossary.service.js';
import type { TranslationHelpService } from './translation-help.service.js';
import { sharesOf } from './segment-provenance.js';
import { GlossaryCheckBody, GlossaryParams, GlossaryQuery, GlossaryTermBody, NewGlossaryTermBody, SegmentsBody } from './translation-help.schemas.js';

// Scopes are identity's TOKEN_SCOPES.
const READ = requireRole(['editor', 'mediator', 'viewer'], 'announcements:read');
const HELP = requireRole(['editor', 'mediator'], 'announcements:read');
const TRANSLATE = requireRole(['editor', 'mediator'], 'translations:write');
const KEEP_GLOSSARY = requireRole(['mediator'], 'translations:write');

export interface TranslationHelpRouteDeps {
  help: TranslationHelpService;
  glossary: GlossaryService;
  present: (announcement: Announcement) => unknown;
}

/** Mount at `/api/v1`: suggestions, machine drafts and sentence-by-sentence saving; the glossary; what helped. */
export function createTranslationHelpRoutes({ help, glossary, present }: TranslationHelpRouteDeps): Router {
  const router = Router();
  const send = (res: Response, announcement: Announcement): void => {
    res.status(200).setHeader('ETag', `"${announcement.version}"`);
    res.json(present(announcement));
  };

  router.get('/announcements/:id/translations/:lang/suggestions', HELP, async (req, res) => {
    const { id, lang } = parseParams(TranslationParams, req);
    res.json(await help.suggestions(principalOf(req), id, lang));
  });

  router.post('/announcements/:id/translations/:lang/machine-draft', TRANSLATE, async (req, res) => {
    const { id, lang } = parseParams(TranslationParams, req);
    res.json(await help.machineDraft(principalOf(req), id, lang));
  });

  router.put('/announcements/:id/translations/:lang/segments', TRANSLATE, async (req, res) => {
    const { id, lang } = parseParams(TranslationParams, req);
    const { segments, version } = parseBody(SegmentsBody, req);
    send(res, await help.saveSegments(principalOf(req), id, lang, segments, expectedVersion(req, version)));
  });

  router.post('/announcements/:id/translations/:lang/glossary-check', HELP, async (req, res) => {
    const { id, lang } = parseParams(TranslationParams, req);
    res.json({ warnings: await help.glossaryWarnings(principalOf(req), id, lang, parseBody(GlossaryCheckBody, req).segments) });
  });

  router.get('/glossary', READ, async (req, res) => {
    const { lang } = parseQuery(GlossaryQuery, req);
    res.json({ items: await glossary.list(lang) });
  });

  router.post('/glossary', KEEP_GLOSSARY, async (req, res) => {
    const { lang, ...input } = parseBody(NewGlossaryTermBody, req);
    const created = await glossary.create(principalOf(req), lang, input);
    res.status(201).setHeader('Location', `${req.baseUrl}/glossary/${created.id}`).json(created);
  });

  router.put('/glossary/:id', KEEP_GLOSSARY, async (req, res) => {
    const { id } = parseParams(GlossaryParams, req);
    res.json(await glossary.replace(principalOf(req), id, parseBody(GlossaryTermBody, req)));
  });

  router.delete('/glossary/:id', KEEP_GLOSSARY, async (req, res) => {
    await glossary.remove(principalOf(req), parseParams(GlossaryParams, req).id);
    res.status(204).end();
  });

  router.get('/translation-help/stats', READ, async (_req, res) => {
    res.json({ items: (await help.byLanguage()).map((row) => ({ ...row, shares: sharesOf(row.chars) })) });
  });

  return router;
}
