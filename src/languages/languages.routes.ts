import { Router } from 'express';
import type { OpenApiContribution } from '../api-docs/index.js';
import { listSupportedLanguages } from './supported-languages.js';

/** `GET /api/v1/languages`: public, so outside scripts and the docs can discover valid tags without signing in. */
export function createLanguageRoutes(): Router {
  const router = Router();
  router.get('/languages', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.json({ items: listSupportedLanguages() });
  });
  return router;
}

export const languagesOpenApi: OpenApiContribution = {
  tags: [{ name: 'Languages', description: 'The BCP 47 tags Sportello accepts, with script direction and explicit fallbacks.' }],
  schemas: {
    Language: {
      type: 'object',
      required: ['code', 'name', 'nativeName', 'direction', 'fallbacks'],
      properties: {
        code: { type: 'string', examples: ['zh-Hant'] },
        name: { type: 'string' },
        nativeName: { type: 'string' },
        direction: { type: 'string', enum: ['ltr', 'rtl'] },
        fallbacks: { type: 'array', items: { type: 'string' }, description: 'Tried in order, only where a caller asks for a fallback.' },
      },
    },
  },
  paths: {
    '/languages': {
      get: {
        tags: ['Languages'],
        summary: 'Supported languages',
        security: [],
        responses: {
          '200': {
            description: 'All of them',
            content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Language' } } } } } },
          },
        },
      },
    },
  },
};
