import type { OpenApiContribution } from './openapi-contribution.js';

/** Shared by every feature: the problem body of every error, and the two ways to authenticate. */
const SHARED_SCHEMAS = {
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details (`application/problem+json`).',
    required: ['type', 'title', 'status', 'instance'],
    properties: {
      type: { type: 'string', examples: ['/problems/request.invalid'] },
      title: { type: 'string', description: 'Translated for the Accept-Language of the request.' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      instance: { type: 'string', description: 'The request id, also in the X-Request-Id header and the logs.' },
      errors: {
        type: 'array',
        description: 'One entry per offending field.',
        items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
      },
    },
  },
};

const SECURITY_SCHEMES = {
  bearerToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token (`POST /api/v1/tokens`). In the demo, the admin token is printed at start-up.',
  },
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: 'sportello_session',
    description: 'The staff console session; writes also need the `X-CSRF-Token` header.',
  },
};

export interface OpenApiInfo {
  title: string;
  version: string;
  description: string;
}

/** The OpenAPI 3.1 document of `/api/v1`, assembled from each feature's contribution. */
export function buildOpenApiDocument(info: OpenApiInfo, contributions: readonly OpenApiContribution[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const contribution of contributions) {
    for (const [path, operations] of Object.entries(contribution.paths)) {
      paths[path] = { ...(paths[path] ?? {}), ...operations };
    }
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/api/v1' }],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    tags: contributions.flatMap((c) => c.tags),
    paths,
    components: {
      schemas: Object.assign({}, SHARED_SCHEMAS, ...contributions.map((c) => c.schemas)) as Record<string, unknown>,
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}
