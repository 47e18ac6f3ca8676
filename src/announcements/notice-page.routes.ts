import { Router } from 'express';
import { z } from 'zod';
import { fallbackChain, findLanguage, scriptDirection } from '../languages/index.js';
import { parseParams } from '../platform/http/validate.js';
import type { Announcement } from './announcement.types.js';
import type { AnnouncementsService } from './announcements.service.js';
import { approvedTranslation } from './translation-rules.js';
import { renderNoticePage, renderNoticeUnavailablePage } from './notice-page.view.js';
import { NOTICE_PAGE_CSS } from './notice-page.styles.js';

const NoticeParams = z.strictObject({
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/, 'is not a notice address'),
  lang: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'is not a language tag'),
});

/** Draft, in-translation, approved-but-unpublished and cancelled notices are not public; nor is one scheduled for later. */
function isPublic(announcement: Announcement, now: Date): boolean {
  if (announcement.status === 'sending' || announcement.status === 'sent' || announcement.status === 'expired') return true;
  return announcement.status === 'scheduled' && (announcement.scheduledAt ?? now) <= now;
}

function approvedLanguages(announcement: Announcement): string[] {
  return announcement.translations.filter((t) => t.status === 'approved').map((t) => t.lang);
}

export interface NoticePageDeps {
  service: AnnouncementsService;
  t: (key: string, lang: string, values?: Record<string, string>) => string;
  clock: () => Date;
  /** The town's clock (`TIME_ZONE`): a validity that ends at midnight there is that day everywhere on the page. */
  timeZone: string;
}

/**
 * `GET /n/:slug/:lang`: the public page linked from every message. A language without an approved
 * text redirects along its explicit fallback chain (then the source language), so the reader sees
 * the page in the language it is really written in, with the right `lang` and `dir`.
 */
export function createNoticePageRoutes({ service, t, clock, timeZone }: NoticePageDeps): Router {
  const router = Router();

  router.get('/n/notice.css', (_req, res) => {
    res.type('text/css').setHeader('Cache-Control', 'public, max-age=86400');
    res.send(NOTICE_PAGE_CSS);
  });

  router.get('/n/:slug/:lang', async (req, res) => {
    const { slug, lang } = parseParams(NoticeParams, req);
    const announcement = await service.findPublic(slug);
    const now = clock();
    const pageLanguage = findLanguage(lang) ? lang : 'it';
    const unavailable = (): void => {
      res.status(404).setHeader('Cache-Control', 'public, max-age=60');
      res.type('html').send(renderNoticeUnavailablePage(pageLanguage, scriptDirection(pageLanguage), t('notice.publisher', pageLanguage), t('notice.notAvailable', pageLanguage)));
    };
    if (!announcement || !isPublic(announcement, now) || !findLanguage(lang)) return unavailable();
    const text = approvedTranslation(announcement, lang);
    if (!text) {
      const fallback = [...fallbackChain(lang), announcement.sourceLanguage].find((code) => approvedTranslation(announcement, code));
      if (!fallback) return unavailable();
      res.redirect(302, `/n/${slug}/${fallback}`);
      return;
    }
    const expired = announcement.status === 'expired' || (announcement.validUntil !== undefined && announcement.validUntil <= now);
    const validity = expired
      ? t('notice.expired', lang)
      : announcement.validUntil
        ? t('notice.validUntil', lang, { date: new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone }).format(announcement.validUntil) })
        : undefined;
    const others = approvedLanguages(announcement)
      .filter((code) => code !== lang)
      .map((code) => ({ lang: code, name: findLanguage(code)?.nativeName ?? code, href: `/n/${slug}/${code}` }));
    const html = renderNoticePage({
      text: { lang, title: text.title, body: text.body },
      direction: scriptDirection(lang),
      urgent: announcement.priority === 'urgent',
      urgentLabel: t('announcements.urgentLabel', lang),
      publisher: t('notice.publisher', lang),
      ...(validity ? { validity } : {}),
      expired,
      ...(announcement.link ? { link: { label: t('announcements.moreInformation', lang), href: announcement.link } } : {}),
      otherLanguages: { label: t('notice.otherLanguages', lang), items: others },
    });
    res.setHeader('Cache-Control', 'public, max-age=60');
    res.type('html').send(html);
  });

  return router;
}
