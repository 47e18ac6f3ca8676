export type { OpenApiContribution } from './openapi-contribution.js';
export { buildOpenApiDocument, type OpenApiInfo } from './openapi-document.js';
export { requestSchema, jsonBody, jsonResponse, problemResponses, ref, dateTime } from './openapi-helpers.js';
export { createApiDocsRoutes } from './api-docs.routes.js';
