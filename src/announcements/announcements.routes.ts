import { Router, type Request, type Response } from 'express';
import { parseBody, parseParams, parseQuery } from '../platform/http/validate.js';
import { requireRole } from '../platform/http/auth-guard.js';
import { principalOf } from '../identity/index.js';
import type { Announcement } from './announcement.types.js';
import type { AnnouncementsService } from './announcements.service.js';
import type { Channel } from './channel-rendering.js';
import { presentAnnouncement, presentHistory } from './announcement.presenter.js';
import { expectedVersion } from './if-match.js';
import { asIfApproved } from './translation-rules.js';
import {
  AnnouncementParams,
  CreateAnnouncementBody,
  ListAnnouncementsQuery,
  PatchAnnouncementBody,
  PublishBody,
  RenderPreviewQuery,
  TranslationBody,
  TranslationParams,
  VersionOnlyBody,
} from './announcement.schemas.js';

// Scopes are identity's TOKEN_SCOPES.
const READ = requireRole(['editor', 'mediator', 'viewer'], 'announcements:read');
const WRITE = requireRole(['editor'], 'announcements:write');
const PUBLISH = requireRole(['editor'], 'announcements:publish');
const TRANSLATE = requireRole(['editor', 'mediator'], 'translations:write');
const APPROVE = requireRole(['mediator'], 'translations:approve');

/** The `/api/v1/announcements` routes: parse, call the service, present. No rules live here. */
export interface AnnouncementRouteDeps {
  service: AnnouncementsService;
  noticeUrl: (slug: string, lang: string) => string;
  render: (announcement: Announcement, lang: string, channel: Channel) => string[];
}

export function createAnnouncementRoutes({ service, noticeUrl, render }: AnnouncementRouteDeps): Router {
  const router = Router();
  const send = (res: Response, status: number, announcement: Announcement): void => {
    res.status(status).setHeader('ETag', `"${announcement.version}"`);
    res.json(presentAnnouncement(announcement, noticeUrl));
  };
  const actor = (req: Request) => principalOf(req);

  router.get('/announcements', READ, async (req, res) => {
    const { limit, cursor, ...filter } = parseQuery(ListAnnouncementsQuery, req);
    const page = await service.list(filter, limit, cursor);
    res.json({ items: page.items.map((a) => presentAnnouncement(a, noticeUrl)), nextCursor: page.nextCursor ?? null });
  });

  router.post('/announcements', WRITE, async (req, res) => {
    const input = parseBody(CreateAnnouncementBody, req);
    const created = await service.create(input, actor(req));
    res.setHeader('Location', `${req.baseUrl}/announcements/${created.id}`);
    send(res, 201, created);
  });

  router.get('/announcements/:id', READ, async (req, res) => {
    const { id } = parseParams(AnnouncementParams, req);
    send(res, 200, await service.get(id));
  });

  router.get('/announcements/:id/history', READ, async (req, res) => {
    const { id } = parseParams(AnnouncementParams, req);
    res.json(presentHistory((await service.get(id)).history));
  });

  /**
   * What a group in `lang` on `channel` would receive, part by part: for staff to check before publishing, and for
   * a mediator before approving (a written text not approved yet is shown as it will be once approved).
   */
  router.get('/announcements/:id/preview', READ, async (req, res) => {
    const { id } = parseParams(AnnouncementParams, req);
    const { lang, channel, text } = parseQuery(RenderPreviewQuery, req);
    const announcement = await service.get(id);
    const translation = announcement.translations.find((t) => t.lang === lang);
    // A normal notice sends nothing in a language before its approval: its written text is the only preview. An
    // urgent one sends the fallback meanwhile, which stays the default answer unless the written text is asked for.
    const written = text === 'written' || (text === undefined && announcement.priority === 'normal');
    const parts = render(written ? asIfApproved(announcement, lang) : announcement, lang, channel);
    res.json({ lang, channel, translationStatus: translation?.status ?? 'not_chosen', parts, lengths: parts.map((p) => p.length) });
  });

  router.patch('/announcements/:id', WRITE, async (req, res) => {
    const { id } = parseParams(AnnouncementParams, req);
    const { version, ...patch } = parseBody(PatchAnnouncementBody, req);
    send(res, 200, await service.edit(id, patch, actor(req), expectedVersion(req, version)));
  });

  router.put('/announcements/:id/translations/:lang', TRANSLATE, async (req, res) => {
    const { id, lang } = parseParams(TranslationParams, req);
    const { version, ...text } = parseBody(TranslationBody, req);
    send(res, 200, await service.translate(id, lang, text, actor(req), expectedVersion(req, version)));
  });

  router.post('/announcements/:id/translations/:lang/approve', APPROVE, async (req, res) => {
    const { id, lang } = parseParams(TranslationParams, req);
    const { version } = parseBody(VersionOnlyBody, req);
    send(res, 200, await service.approve(id, lang, actor(req), expectedVersion(req, version)));
  });

  router.post('/announcements/:id/publish', PUBLISH, async (req, res) => {
    const { id } = parseParams(AnnouncementParams, req);
    const { scheduledAt, version } = parseBody(PublishBody, req);
    send(res, 202, await service.publish(id, scheduledAt, actor(req), expectedVersion(req, version)));
  });

  router.post('/announcements/:id/cancel', WRITE, async (req, res) => {
    const { id } = parseParams(AnnouncementParams, req);
    const { version } = parseBody(VersionOnlyBody, req);
    send(res, 200, await service.cancel(id, actor(req), expectedVersion(req, version)));
  });

  return router;
}
