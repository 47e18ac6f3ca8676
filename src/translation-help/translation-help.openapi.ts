import { dateTime, jsonBody, jsonResponse, problemResponses, ref, requestSchema, type OpenApiContribution } from '../api-docs/index.js';
import { GlossaryCheckBody, GlossaryTermBody, NewGlossaryTermBody, SegmentsBody } from './translation-help.schemas.js';

const tags = ['Translation help'];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{24}$' } };
const langParam = { name: 'lang', in: 'path', required: true, schema: { type: 'string' }, example: 'zh-Hans' };
const shares = { type: 'object', properties: { memory: { type: 'number' }, machine: { type: 'number' }, typed: { type: 'number' } } };
const glossaryTerm = ref('GlossaryTerm');
const glossaryWarnings = { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, term: { type: 'string' }, expected: { type: 'string' } } } };
const suggestions = jsonResponse('Sentence by sentence: memory suggestions, the machine draft, the saved text, what to start with; glossary terms and warnings', ref('TranslationSuggestions'));

export const translationHelpOpenApi: OpenApiContribution = {
  tags: [{ name: 'Translation help', description: 'Translation memory, the glossary of administrative terms, machine drafts a mediator reviews, and what helped per language.' }],
  schemas: {
    TranslationSuggestions: {
      type: 'object',
      properties: {
        announcementId: { type: 'string' },
        version: { type: 'integer' },
        sourceLanguage: { type: 'string' },
        lang: { type: 'string' },
        sourceRevision: { type: 'integer' },
        translator: { type: ['string', 'null'], enum: ['libretranslate', 'deepl', null], description: 'The configured engine, or null: no machine drafts.' },
        fuzzyMin: { type: 'number' },
        segments: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              key: { type: 'string', description: '`t` the title, `b<line>.<n>` the n-th sentence of a body line.' },
              line: { type: 'integer' },
              source: { type: 'string' },
              memory: {
                type: 'array',
                items: { type: 'object', properties: { text: { type: 'string' }, score: { type: 'number', description: '1 the same sentence; fuzzy otherwise.' }, announcementId: { type: 'string' }, noticeTitle: { type: 'string' }, approvedAt: dateTime } },
              },
              machine: { type: ['object', 'null'], properties: { text: { type: 'string' }, engine: { type: 'string' } }, description: 'Machine-made: never approved unless changed or confirmed.' },
              saved: { type: ['object', 'null'], properties: { text: { type: 'string' }, origin: { type: 'string', enum: ['memory', 'machine', 'typed', 'written'] }, confirmed: { type: 'boolean' } } },
              prefill: { type: ['object', 'null'], properties: { text: { type: 'string' }, from: { type: 'string', enum: ['saved', 'memory', 'machine'] }, score: { type: 'number' } } },
            },
          },
        },
        glossary: {
          type: 'object',
          properties: {
            terms: { type: 'array', items: { type: 'object', properties: { term: { type: 'string' }, rendering: { type: 'string' }, note: { type: 'string' } } } },
            warnings: glossaryWarnings,
          },
        },
      },
    },
    GlossaryTerm: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        lang: { type: 'string' },
        term: { type: 'string', description: 'As the source notices write it (Italian).' },
        rendering: { type: 'string', description: 'The approved rendering; alternatives separated by `|`.' },
        note: { type: 'string' },
        createdBy: { type: 'string' },
        updatedBy: { type: 'string' },
        updatedAt: dateTime,
      },
    },
  },
  paths: {
    '/announcements/{id}/translations/{lang}/suggestions': {
      get: { tags, summary: 'Suggestions for translating a notice (editors, mediators of the language)', parameters: [idParam, langParam], responses: { '200': suggestions, ...problemResponses(400, 401, 403, 404, 409) } },
    },
    '/announcements/{id}/translations/{lang}/machine-draft': {
      post: {
        tags,
        summary: 'Ask the configured engine for a machine draft (editors, mediators of the language)',
        description: 'The draft is shown beside the memory; it is never saved as the text. 503 `translation.no_translator` when no engine is configured; 503 or 429 `translation.translator_failed` when the engine refused.',
        parameters: [idParam, langParam],
        responses: { '200': suggestions, '429': { description: 'The engine asks to slow down.' }, '503': { description: 'No engine, or the engine failed.' }, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    '/announcements/{id}/translations/{lang}/segments': {
      put: {
        tags,
        summary: 'Save a translation sentence by sentence (editors, mediators of the language)',
        description: 'Sportello decides where each sentence came from by comparing it with what it offered (memory, machine draft); `confirmed` marks an unchanged machine-made sentence as reviewed.',
        parameters: [idParam, langParam],
        requestBody: jsonBody(requestSchema(SegmentsBody), { segments: [{ key: 't', text: '居留许可续签' }, { key: 'b0.0', text: '居留许可必须在到期前续签。', confirmed: true }] }),
        responses: { '200': jsonResponse('Saved', ref('Announcement')), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    '/announcements/{id}/translations/{lang}/glossary-check': {
      post: {
        tags,
        summary: 'The glossary warnings a text being written would get at approval; nothing is saved (editors, mediators of the language)',
        description: 'A rendering counts in any inflected form: see docs/translation-help.md.',
        parameters: [idParam, langParam],
        requestBody: jsonBody(requestSchema(GlossaryCheckBody), { segments: [{ key: 't', text: 'Продление вида на жительство' }] }),
        responses: { '200': jsonResponse('The terms the text lacks', { type: 'object', properties: { warnings: glossaryWarnings } }), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    '/glossary': {
      get: {
        tags,
        summary: 'The glossary of administrative terms',
        parameters: [{ name: 'lang', in: 'query', schema: { type: 'string' }, description: 'Only this language.' }],
        responses: { '200': jsonResponse('By language, then term', { type: 'object', properties: { items: { type: 'array', items: glossaryTerm } } }), ...problemResponses(400, 401, 403) },
      },
      post: {
        tags,
        summary: 'Add a term (mediators of its language, admins)',
        requestBody: jsonBody(requestSchema(NewGlossaryTermBody), { lang: 'zh-Hans', term: 'permesso di soggiorno', rendering: '居留许可' }),
        responses: { '201': jsonResponse('Added', glossaryTerm), ...problemResponses(400, 401, 403, 409) },
      },
    },
    '/glossary/{id}': {
      put: {
        tags,
        summary: 'Change a term (mediators of its language, admins)',
        parameters: [idParam],
        requestBody: jsonBody(requestSchema(GlossaryTermBody), { term: 'questura', rendering: '警察局' }),
        responses: { '200': jsonResponse('Changed', glossaryTerm), ...problemResponses(400, 401, 403, 404, 409) },
      },
      delete: { tags, summary: 'Remove a term (mediators of its language, admins)', parameters: [idParam], responses: { '204': { description: 'Removed' }, ...problemResponses(400, 401, 403, 404) } },
    },
    '/translation-help/stats': {
      get: {
        tags,
        summary: 'What helped write the approved translations, per language',
        description: 'Characters of the approved texts that came from the memory, from machine drafts, and from the mediators\' typing, and their shares.',
        responses: {
          '200': jsonResponse('Per language', { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { lang: { type: 'string' }, translations: { type: 'integer' }, chars: shares, shares } } } } }),
          ...problemResponses(401, 403),
        },
      },
    },
  },
};
