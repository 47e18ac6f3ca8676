import type { Router } from 'express';
import type { Connection } from 'mongoose';
import type { Announcement } from './announcement.types.js';
import type { AnnouncementEvents, AuditRecorder } from './announcement-events.port.js';
import { AnnouncementListeners } from './announcement-listeners.js';
import { AnnouncementRepository } from './announcement.repository.js';
import { AnnouncementsService } from './announcements.service.js';
import { createAnnouncementRoutes } from './announcements.routes.js';
import { createNoticePageRoutes } from './notice-page.routes.js';
import { renderForChannel, type Audience, type Channel } from './channel-rendering.js';
import { selectDeliveryContent, type DeliveryContent } from './delivery-content.js';
import { presentAnnouncement } from './announcement.presenter.js';

export type { Announcement, AnnouncementStatus, ApprovalWarning, Priority, SegmentOrigin, Topic, Translation, TranslationSegment, TranslationStatus, HistoryEntry } from './announcement.types.js';
export { TOPICS, PRIORITIES, SEGMENT_ORIGINS } from './announcement.types.js';
export type { AnnouncementEvents, AuditRecorder } from './announcement-events.port.js';
export type { Channel } from './channel-rendering.js';
export { CHANNEL_MAX_LENGTH } from './channel-rendering.js';
export type { DeliveryContent, LocalizedText } from './delivery-content.js';
export type { AnnouncementsService, Actor, ApprovalCheck } from './announcements.service.js';
export { isUnreviewedMachineText } from './translation-rules.js';
export { MachineDraftNotReviewed } from './announcements.errors.js';
export type { NewAnnouncement } from './new-announcement.js';
export { listSupportedLanguages, fallbackChain, scriptDirection } from '../languages/index.js';
export { announcementsOpenApi } from './announcements.openapi.js';
export { expectedVersion } from './if-match.js';
export { AnnouncementParams, TranslationParams } from './announcement.schemas.js';

export interface AnnouncementsDeps {
  db: Connection;
  clock: () => Date;
  /** i18next's `t` for one language, with interpolation values. */
  t: (key: string, lang: string, values?: Record<string, string>) => string;
  /** Base of the public notice links put in every message, e.g. `https://sportello.comune.example`. */
  publicUrl: () => string;
  /** The town's clock (`TIME_ZONE`): the date a notice page says it is valid until. */
  timeZone: string;
  audit?: AuditRecorder;
}

export interface Announcements {
  service: AnnouncementsService;
  /** Dispatch subscribes here: published, translation approved after publication, cancelled. */
  events: AnnouncementEvents;
  /** Mount at `/api/v1`. */
  apiRoutes: Router;
  /** Mount at `/`: `GET /n/:slug/:lang` and its stylesheet. */
  pageRoutes: Router;
  /** Parts to send, in order, for a group (or a subscribed citizen) in `lang` on `channel` (urgent fallback included). */
  renderForChannel(announcement: Announcement, lang: string, channel: Channel, audience?: Audience): string[];
  /** What a group in `lang` gets: its approved translation, the urgent fallback, or nothing yet. */
  selectDeliveryContent(announcement: Announcement, lang: string): DeliveryContent;
  noticeUrl(slug: string, lang: string): string;
  /** The API's JSON shape of an announcement, for features that answer with one. */
  present(announcement: Announcement): ReturnType<typeof presentAnnouncement>;
}

/** Drafts, translations, approval and publication of notices, wired on one database. */
export async function createAnnouncements(deps: AnnouncementsDeps): Promise<Announcements> {
  const repository = new AnnouncementRepository(deps.db);
  await repository.ensureIndexes();
  const listeners = new AnnouncementListeners();
  const service = new AnnouncementsService({ repository, listeners, clock: deps.clock, ...(deps.audit ? { audit: deps.audit } : {}) });
  const noticeUrl = (slug: string, lang: string): string => `${deps.publicUrl()}/n/${slug}/${lang}`;
  const render = (announcement: Announcement, lang: string, channel: Channel, audience?: Audience): string[] =>
    renderForChannel(announcement, lang, channel, { t: deps.t, noticeUrl }, audience);
  return {
    service,
    events: listeners,
    apiRoutes: createAnnouncementRoutes({ service, noticeUrl, render }),
    pageRoutes: createNoticePageRoutes({ service, t: deps.t, clock: deps.clock, timeZone: deps.timeZone }),
    renderForChannel: render,
    selectDeliveryContent,
    noticeUrl,
    present: (announcement) => presentAnnouncement(announcement, noticeUrl),
  };
}
