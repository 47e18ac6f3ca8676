import { ref, jsonBody, jsonResponse, problemResponses, requestSchema, type OpenApiContribution } from '../api-docs/index.js';
import { listSupportedLanguages } from '../languages/index.js';
import { ANNOUNCEMENT_STATUSES, PRIORITIES, TOPICS, TRANSLATION_STATUSES } from './announcement.types.js';
import {
  CreateAnnouncementBody,
  PatchAnnouncementBody,
  PublishBody,
  TranslationBody,
  VersionOnlyBody,
} from './announcement.schemas.js';

const LANGUAGES = listSupportedLanguages().map((l) => l.code);
const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, 'null'], ...extra });

const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{24}$' } };
const langParam = { name: 'lang', in: 'path', required: true, schema: { type: 'string', enum: LANGUAGES }, example: 'ar' };
const ifMatch = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description: 'The `ETag` (version) you read. If someone changed the announcement since, the answer is 409 and nothing changes.',
  schema: { type: 'string', examples: ['"3"'] },
};
const etag = { ETag: { description: 'The version, to send back as If-Match.', schema: { type: 'string' } } };
const announcement = (description: string) => jsonResponse(description, ref('Announcement'), etag);

const TranslationSchema = {
  type: 'object',
  required: ['title', 'body', 'status'],
  properties: {
    title: nullable('string'),
    body: nullable('string'),
    status: { type: 'string', enum: TRANSLATION_STATUSES },
    sourceRevision: { type: 'integer', description: 'The source text revision this translation follows.' },
    stale: { type: 'boolean', description: 'Written for an older source text.' },
    writtenBy: nullable('string'),
    writtenAt: nullable('string', { format: 'date-time' }),
    approvedBy: nullable('string'),
    approvedAt: nullable('string', { format: 'date-time' }),
    versions: {
      type: 'array',
      description: 'Earlier texts of this translation, oldest first.',
      items: { type: 'object', properties: { title: { type: 'string' }, body: { type: 'string' }, status: { type: 'string' }, replacedAt: { type: 'string', format: 'date-time' } } },
    },
    segments: {
      type: ['array', 'null'],
      description: 'Saved sentence by sentence through translation help: where each sentence came from. Null for a text written whole.',
      items: {
        type: 'object',
        properties: {
          key: { type: 'string', description: '`t` the title, `b<line>.<n>` a body sentence.' },
          source: { type: 'string' },
          text: { type: 'string' },
          origin: { type: 'string', enum: ['memory', 'machine', 'typed'] },
          edited: { type: 'integer', description: 'Characters changed from the suggestion it started from.' },
          confirmed: { type: 'boolean', description: 'A mediator confirmed this unchanged machine-made sentence.' },
        },
      },
    },
  },
};

const AnnouncementSchema = {
  type: 'object',
  required: ['id', 'slug', 'version', 'status', 'priority', 'topics', 'sourceLanguage', 'translations'],
  properties: {
    id: { type: 'string' },
    slug: { type: 'string', description: 'Address of the public page: /n/{slug}/{lang}.' },
    version: { type: 'integer' },
    status: { type: 'string', enum: ANNOUNCEMENT_STATUSES },
    priority: { type: 'string', enum: PRIORITIES },
    topics: { type: 'array', items: { type: 'string', enum: TOPICS } },
    sourceLanguage: { type: 'string' },
    sourceRevision: { type: 'integer' },
    translations: {
      type: 'object',
      description: 'By BCP 47 language tag; the source language is among them.',
      additionalProperties: ref('Translation'),
    },
    validFrom: nullable('string', { format: 'date-time' }),
    validUntil: nullable('string', { format: 'date-time', description: 'Nothing is sent from this moment; the announcement then becomes `expired` (its public page stays, marked as no longer valid).' }),
    link: nullable('string'),
    scheduledAt: nullable('string', { format: 'date-time' }),
    publishedAt: nullable('string', { format: 'date-time' }),
    noticeUrl: { type: 'string' },
    noticeUrls: { type: 'object', additionalProperties: { type: 'string' }, description: 'The public notice page per language it can be read in: the source language and every approved translation.' },
    createdBy: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

const HistoryEntrySchema = {
  type: 'object',
  required: ['at', 'by', 'action', 'version'],
  properties: {
    at: { type: 'string', format: 'date-time' },
    by: { type: 'string', description: 'User id, or `system`.' },
    action: { type: 'string', enum: ['created', 'edited', 'translated', 'approved', 'published', 'cancelled', 'sending', 'sent', 'expired'] },
    version: { type: 'integer' },
    lang: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    staleLanguages: { type: 'array', items: { type: 'string' } },
    warnings: {
      type: 'array',
      description: 'Approvals: what the approver was warned of and approved anyway (a glossary term whose approved rendering the text lacks).',
      items: { type: 'object', properties: { code: { type: 'string', enum: ['glossary.term_missing'] }, term: { type: 'string' }, expected: { type: 'string' } } },
    },
  },
};

const createExample = {
  sourceLanguage: 'it',
  title: 'Rinnovo del permesso di soggiorno',
  body: 'Il permesso di soggiorno va rinnovato almeno 60 giorni prima della scadenza. Prenota un appuntamento allo Sportello.',
  topics: ['permits'],
  priority: 'normal',
  targetLanguages: ['en', 'zh-Hans', 'ar'],
};

export const announcementsOpenApi: OpenApiContribution = {
  tags: [{ name: 'Announcements', description: 'Notices written once in Italian, translated and approved by mediators, then published.' }],
  schemas: {
    Announcement: AnnouncementSchema,
    Translation: TranslationSchema,
    HistoryEntry: HistoryEntrySchema,
    CreateAnnouncement: requestSchema(CreateAnnouncementBody),
    PatchAnnouncement: requestSchema(PatchAnnouncementBody),
    WriteTranslation: requestSchema(TranslationBody),
    Publish: requestSchema(PublishBody),
    VersionOnly: requestSchema(VersionOnlyBody),
  },
  paths: {
    '/announcements': {
      get: {
        tags: ['Announcements'],
        summary: 'List announcements, newest first',
        parameters: [
          { name: 'status', in: 'query', schema: { type: 'string', enum: ANNOUNCEMENT_STATUSES } },
          { name: 'topic', in: 'query', schema: { type: 'string', enum: TOPICS } },
          { name: 'language', in: 'query', description: 'Has a translation in this language.', schema: { type: 'string', enum: LANGUAGES } },
          { name: 'translationStatus', in: 'query', description: 'With `language`: its translation has this status.', schema: { type: 'string', enum: TRANSLATION_STATUSES } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
          { name: 'cursor', in: 'query', description: '`nextCursor` of the previous page.', schema: { type: 'string' } },
        ],
        responses: {
          '200': jsonResponse('A page', {
            type: 'object',
            required: ['items', 'nextCursor'],
            properties: { items: { type: 'array', items: ref('Announcement') }, nextCursor: nullable('string') },
          }),
          ...problemResponses(400, 401, 403),
        },
      },
      post: {
        tags: ['Announcements'],
        summary: 'Write a new notice (editors)',
        requestBody: jsonBody(ref('CreateAnnouncement'), createExample),
        responses: { '201': announcement('Created as a draft'), ...problemResponses(400, 401, 403, 413) },
      },
    },
    '/announcements/{id}': {
      get: {
        tags: ['Announcements'],
        summary: 'Read one announcement',
        parameters: [idParam],
        responses: { '200': announcement('The announcement'), ...problemResponses(400, 401, 403, 404) },
      },
      patch: {
        tags: ['Announcements'],
        summary: 'Edit the source text or settings before publication (editors)',
        description: 'Changing the source text sends approved translations back to `needs_review`; their previous text is kept in `versions`.',
        parameters: [idParam, ifMatch],
        requestBody: jsonBody(ref('PatchAnnouncement'), { body: 'Testo corretto.' }),
        responses: { '200': announcement('Edited'), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    '/announcements/{id}/history': {
      get: {
        tags: ['Announcements'],
        summary: 'Who changed what, and when',
        parameters: [idParam],
        responses: {
          '200': jsonResponse('Oldest first', { type: 'object', properties: { items: { type: 'array', items: ref('HistoryEntry') } } }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    '/announcements/{id}/preview': {
      get: {
        tags: ['Announcements'],
        summary: 'Preview the message parts a group would receive',
        description:
          'Split into numbered parts by the platform limit (WhatsApp 4096, WeChat 2000 UTF-16 units). A translation written but not approved yet is shown as it will be once approved (`translationStatus` says where it stands), so a mediator can check it before approving: by default for normal notices (they send nothing in that language before), with `text=written` for urgent ones (by default, or with `text=sent`, they show what goes now: the Italian/English fallback). A normal notice without a written text in that language answers 409.',
        parameters: [
          idParam,
          { ...langParam, in: 'query' },
          { name: 'channel', in: 'query', required: true, schema: { type: 'string', enum: ['whatsapp', 'wechat'] } },
          { name: 'text', in: 'query', required: false, schema: { type: 'string', enum: ['sent', 'written'] } },
        ],
        responses: {
          '200': jsonResponse('The parts, in sending order', {
            type: 'object',
            properties: {
              lang: { type: 'string' },
              channel: { type: 'string' },
              translationStatus: { type: 'string', enum: ['missing', 'draft', 'needs_review', 'approved', 'not_chosen'] },
              parts: { type: 'array', items: { type: 'string' } },
              lengths: { type: 'array', items: { type: 'integer' } },
            },
          }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    '/announcements/{id}/translations/{lang}': {
      put: {
        tags: ['Announcements'],
        summary: 'Write a translation (mediators of that language, editors)',
        parameters: [idParam, langParam, ifMatch],
        requestBody: jsonBody(ref('WriteTranslation'), { title: 'تجديد تصريح الإقامة', body: 'يجب تجديد تصريح الإقامة قبل 60 يومًا على الأقل من انتهاء صلاحيته.' }),
        responses: { '200': announcement('Stored as draft'), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    '/announcements/{id}/translations/{lang}/approve': {
      post: {
        tags: ['Announcements'],
        summary: 'Approve a translation (mediators of that language)',
        description:
          'After publication, approving a new language hands it to dispatch at once. Refused (409 `announcement.machine_draft_not_reviewed`, `errors` naming each `segments.<key>`) while a machine-made sentence is neither changed nor confirmed. A glossary term of the source whose approved rendering the text lacks does not stop the approval: the warning is kept in the history entry.',
        parameters: [idParam, langParam, ifMatch],
        responses: { '200': announcement('Approved'), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    '/announcements/{id}/publish': {
      post: {
        tags: ['Announcements'],
        summary: 'Publish now or at `scheduledAt` (editors)',
        description:
          'Normal notices need every asked-for translation approved; urgent ones go at once, with Italian and English where a translation is missing. ' +
          'Publishing a `scheduled` notice again moves it to the new `scheduledAt` (or to now without one), earlier or later: what has not been sent goes at the new time, and no group gets it twice. ' +
          'A notice whose `validUntil` has passed is refused with 409 `announcement.no_longer_valid` naming `validUntil`; at `validUntil` a published notice becomes `expired` and what was not sent by then never is.',
        parameters: [idParam, ifMatch],
        requestBody: { ...jsonBody(ref('Publish'), {}), required: false },
        responses: { '202': announcement('Handed to dispatch'), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    '/announcements/{id}/cancel': {
      post: {
        tags: ['Announcements'],
        summary: 'Cancel (editors): the public page disappears and pending deliveries stop',
        parameters: [idParam, ifMatch],
        responses: { '200': announcement('Cancelled'), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
  },
};
