/**
 * What one feature adds to the OpenAPI document: its paths (relative to `/api/v1`), the schemas they
 * reference as `#/components/schemas/<name>`, and its tags. Features build these next to their routes
 * (`<feature>.openapi.ts`) so a route and its documentation change in the same commit.
 */
export interface OpenApiContribution {
  tags: Array<{ name: string; description: string }>;
  paths: Record<string, Record<string, unknown>>;
  schemas: Record<string, unknown>;
}
