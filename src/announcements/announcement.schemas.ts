import { z } from 'zod';
import { LanguageCode } from '../languages/index.js';
import { ANNOUNCEMENT_STATUSES, PRIORITIES, TOPICS, TRANSLATION_STATUSES } from './announcement.types.js';

/** Request shapes of the announcements API. Every object is strict: an unknown field is an error naming it. */

const Title = z.string().trim().min(1, 'is required').max(200);
const Body = z.string().trim().min(1, 'is required').max(20_000);
const Timestamp = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-03-01T09:00:00+01:00' }).transform((s) => new Date(s));
const Link = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000);
const Version = z.number().int().positive();

export const TextBody = z.strictObject({ title: Title, body: Body });

export const CreateAnnouncementBody = z.strictObject({
  sourceLanguage: LanguageCode.default('it'),
  title: Title,
  body: Body,
  topics: z.array(z.enum(TOPICS)).max(TOPICS.length).default([]),
  priority: z.enum(PRIORITIES).default('normal'),
  validFrom: Timestamp.optional(),
  validUntil: Timestamp.optional(),
  link: Link.optional(),
  translations: z.record(LanguageCode, TextBody).optional(),
  targetLanguages: z.array(LanguageCode).max(40).optional(),
});

export const PatchAnnouncementBody = z.strictObject({
  title: Title.optional(),
  body: Body.optional(),
  topics: z.array(z.enum(TOPICS)).max(TOPICS.length).optional(),
  priority: z.enum(PRIORITIES).optional(),
  validFrom: Timestamp.nullable().optional(),
  validUntil: Timestamp.nullable().optional(),
  link: Link.nullable().optional(),
  targetLanguages: z.array(LanguageCode).max(40).optional(),
  /** Alternative to `If-Match` for clients that cannot set headers. */
  version: Version.optional(),
});

export const TranslationBody = TextBody.extend({ version: Version.optional() });

export const PublishBody = z.strictObject({
  scheduledAt: Timestamp.optional(),
  version: Version.optional(),
});

export const VersionOnlyBody = z.strictObject({ version: Version.optional() });

export const ListAnnouncementsQuery = z.strictObject({
  status: z.enum(ANNOUNCEMENT_STATUSES).optional(),
  topic: z.enum(TOPICS).optional(),
  language: LanguageCode.optional(),
  translationStatus: z.enum(TRANSLATION_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().regex(/^[0-9a-f]{24}$/, 'is not a cursor from a previous page').optional(),
});

export const AnnouncementParams = z.strictObject({ id: z.string().regex(/^[0-9a-f]{24}$/, 'is not an announcement id') });
export const TranslationParams = AnnouncementParams.extend({ lang: LanguageCode });

export const RenderPreviewQuery = z.strictObject({
  lang: LanguageCode,
  channel: z.enum(['whatsapp', 'wechat']),
  /** `written`: the language's written text as it will look once approved, even where the urgent fallback goes now. */
  text: z.enum(['sent', 'written']).optional(),
});
