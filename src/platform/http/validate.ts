import type { Request } from 'express';
import { z } from 'zod';
import { InvalidInput, type FieldProblem } from '../errors.js';

const FORBIDDEN_KEY = /^\$|\.|^__proto__$|^constructor$|^prototype$/;

/** More than the problem answer shows (`problem.ts`): a body of thousands of `$` keys is not walked to its end. */
const MAX_FORBIDDEN_KEYS_REPORTED = 50;

/**
 * Keys starting with `$` or holding `.` reach MongoDB as operators or paths (NoSQL injection);
 * `__proto__`/`constructor` pollute prototypes. They are refused anywhere in a body or query,
 * before any schema sees them. Walked without recursion; bodies are at most `MAX_BODY_DEPTH` deep (`json-depth.ts`).
 */
export function findForbiddenKeys(value: unknown, path = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const pending: Array<[unknown, string]> = [[value, path]];
  for (let next = 0; next < pending.length && problems.length < MAX_FORBIDDEN_KEYS_REPORTED; next += 1) {
    const [current, at] = pending[next]!;
    if (current === null || typeof current !== 'object') continue;
    for (const key of Object.keys(current)) {
      const here = at ? `${at}.${key}` : key;
      if (FORBIDDEN_KEY.test(key)) problems.push({ field: here, message: 'keys starting with $ or holding . are not allowed' });
      else pending.push([(current as Record<string, unknown>)[key], here]);
    }
  }
  return problems.slice(0, MAX_FORBIDDEN_KEYS_REPORTED);
}

function toProblems(error: z.ZodError, prefix: string): FieldProblem[] {
  return error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (keys.length > 0) return { field: keys.map((k) => (base ? `${base}.${k}` : k)).join(', '), message: 'unknown field' };
    return { field: base || prefix, message: issue.message };
  });
}

/** Parses one part of a request with a zod schema; any problem becomes an `invalid` domain error naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, prefix: '' | 'query' | 'params' | 'headers' = ''): z.output<S> {
  const forbidden = findForbiddenKeys(value, prefix);
  if (forbidden.length > 0) throw new InvalidInput(forbidden);
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidInput(toProblems(result.error, prefix));
  return result.data;
}

export const parseBody = <S extends z.ZodType>(schema: S, req: Request): z.output<S> => parseInput(schema, req.body ?? {}, '');
export const parseQuery = <S extends z.ZodType>(schema: S, req: Request): z.output<S> => parseInput(schema, { ...req.query }, 'query');
export const parseParams = <S extends z.ZodType>(schema: S, req: Request): z.output<S> => parseInput(schema, { ...req.params }, 'params');
