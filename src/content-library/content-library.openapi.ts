import { jsonBody, jsonResponse, problemResponses, requestSchema, type OpenApiContribution } from '../api-docs/index.js';
import { InstantiateTemplateBody } from './content-library.routes.js';

const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'emergency-weather-alert' };

export const contentLibraryOpenApi: OpenApiContribution = {
  tags: [{ name: 'Content library', description: 'Recurring notices from `content/`, ready to become announcements.' }],
  schemas: {
    NoticeTemplate: {
      type: 'object',
      required: ['id', 'topics', 'priority', 'sourceLanguage', 'placeholders', 'texts', 'languages'],
      properties: {
        id: { type: 'string' },
        topics: { type: 'array', items: { type: 'string' } },
        priority: { type: 'string', enum: ['normal', 'urgent'] },
        sourceLanguage: { type: 'string' },
        placeholders: { type: 'object', additionalProperties: { type: 'string' }, description: 'Name → what to fill in.' },
        texts: {
          type: 'object',
          additionalProperties: { type: 'object', properties: { title: { type: 'string' }, body: { type: 'string' } } },
        },
        languages: { type: 'array', items: { type: 'string' } },
        sourceFile: { type: 'string' },
        importedAt: { type: 'string', format: 'date-time' },
      },
    },
    InstantiateTemplate: requestSchema(InstantiateTemplateBody),
  },
  paths: {
    '/templates': {
      get: {
        tags: ['Content library'],
        summary: 'List the notice templates',
        responses: {
          '200': jsonResponse('All templates', { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/NoticeTemplate' } } } }),
          ...problemResponses(401, 403),
        },
      },
    },
    '/templates/{id}': {
      get: {
        tags: ['Content library'],
        summary: 'Read one template',
        parameters: [idParam],
        responses: { '200': jsonResponse('The template', { $ref: '#/components/schemas/NoticeTemplate' }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    '/templates/{id}/announcements': {
      post: {
        tags: ['Content library'],
        summary: 'Start a draft announcement from a template (editors)',
        description: 'Fills the placeholders in every language. Texts other than the source arrive as drafts for mediators to approve.',
        parameters: [idParam],
        requestBody: jsonBody({ $ref: '#/components/schemas/InstantiateTemplate' }, {
          values: { date: '14/11', startTime: '06:00', endTime: '23:59', area: 'Prato, Vaiano, Vernio' },
        }),
        responses: { '201': jsonResponse('The new announcement', { $ref: '#/components/schemas/Announcement' }), ...problemResponses(400, 401, 403, 404) },
      },
    },
  },
};
