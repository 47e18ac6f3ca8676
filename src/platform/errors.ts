/**
 * The base of every error the domain throws on purpose. It says what went wrong (`code`, stable,
 * used as the problem type) and what kind of situation it is (`kind`), never an HTTP status:
 * `platform/http/problem.ts` is the only place that maps kinds to statuses.
 */
export type ErrorKind = 'not-found' | 'conflict' | 'forbidden' | 'unauthenticated' | 'invalid' | 'unavailable' | 'too-many';

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `translations.zh-Hans.title` or `query.limit`. */
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: ErrorKind;
  /** Per-field problems, for `invalid` errors. */
  readonly fields: FieldProblem[] = [];
  /** Seconds after which a retry may succeed, for `too-many` and `unavailable` errors. */
  retryAfterSeconds?: number;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInput extends DomainError {
  readonly code = 'request.invalid';
  readonly kind = 'invalid';
  constructor(fields: FieldProblem[]) {
    super(fields.map((f) => `${f.field}: ${f.message}`).join('; '));
    this.fields.push(...fields);
  }
}

export class NotFound extends DomainError {
  readonly kind = 'not-found';
  constructor(readonly code: string, message: string) {
    super(message);
  }
}
