import { z } from 'zod';

/** Request schemas come from the zod schemas the routes parse with, so the documentation cannot drift from validation. */
export function requestSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return json;
}

/** A reference to a schema of `components.schemas` (a feature's own, or a shared one such as `Problem`). */
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const dateTime = { type: 'string', format: 'date-time' };

export const jsonBody = (schema: unknown, example?: unknown) => ({
  required: true,
  content: { 'application/json': { schema, ...(example !== undefined ? { example } : {}) } },
});

export const jsonResponse = (description: string, schema: unknown, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema } },
});

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** The error answers most operations share; pass the statuses that apply. */
export function problemResponses(...statuses: Array<400 | 401 | 403 | 404 | 409 | 413 | 428>): Record<string, unknown> {
  const descriptions: Record<number, string> = {
    400: 'Invalid input: `errors` names each offending field (unknown fields and `$`-keys included).',
    401: 'Not signed in and no valid API token.',
    403: 'Role or token scope does not allow this.',
    404: 'Not found.',
    409: 'Conflict: the version changed (If-Match) or the state does not allow this.',
    413: 'Body larger than the limit.',
    428: 'Precondition required.',
  };
  return Object.fromEntries(statuses.map((status) => [String(status), problem(descriptions[status]!)]));
}
