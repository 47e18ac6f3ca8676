import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Logger } from 'pino';
import { DomainError, type ErrorKind } from '../errors.js';
import { DependencyUnavailable, outageBehind } from './outage-gate.js';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-many': 429,
  unavailable: 503,
};

/**
 * An answer about bad input stays small whatever the input: a body of 6,000 `$` keys once got a 946 KB answer
 * listing each. The first problems are enough to fix a request; the count says how many there were.
 */
const MAX_FIELD_PROBLEMS = 20;
const MAX_TEXT = 300;

const clip = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

function boundedProblems(fields: ReadonlyArray<{ field: string; message: string }>): Record<string, unknown> {
  const errors = fields.slice(0, MAX_FIELD_PROBLEMS).map((f) => ({ field: clip(f.field), message: clip(f.message) }));
  return fields.length > MAX_FIELD_PROBLEMS ? { errors, errorCount: fields.length } : { errors };
}

/** Translates a problem title; i18next's `t` bound to the request's language in the app. */
export type TitleTranslator = (req: Request, code: string, fallback: string) => string;

export function sendProblem(
  req: Request,
  res: Response,
  problem: { status: number; code: string; title: string; detail?: string; extra?: Record<string, unknown> },
): void {
  res
    .status(problem.status)
    .type('application/problem+json')
    .json({
      type: `/problems/${problem.code}`,
      title: problem.title,
      status: problem.status,
      ...(problem.detail ? { detail: problem.detail } : {}),
      instance: `urn:request:${String(req.id)}`,
      ...problem.extra,
    });
}

/**
 * The only place errors become HTTP (RFC 9457 problem details). Domain errors map by kind; body-parser's
 * own errors (too large, bad JSON) keep their 4xx; anything else is logged with the request id and
 * answered with a bare 500 that leaks nothing.
 */
export function problemHandler(log: Logger, translate: TitleTranslator): ErrorRequestHandler {
  return (thrown: unknown, req, res, _next) => {
    if (res.headersSent) return;
    const outage = outageBehind(thrown);
    if (outage) log.warn({ requestId: req.id, dependency: outage }, 'request failed: a dependency is unreachable');
    const err = outage ? new DependencyUnavailable(outage) : thrown;
    if (err instanceof DomainError) {
      if (err.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(Math.ceil(err.retryAfterSeconds)));
      sendProblem(req, res, {
        status: STATUS[err.kind],
        code: err.code,
        title: translate(req, err.code, err.kind),
        detail: clip(err.message),
        ...(err.fields.length > 0 ? { extra: boundedProblems(err.fields) } : {}),
        ...(err instanceof DependencyUnavailable ? { extra: { dependency: err.dependency } } : {}),
      });
      return;
    }
    const bodyError = err as { type?: string; status?: number; expose?: boolean; message?: string };
    if (bodyError.expose && bodyError.status && bodyError.status < 500) {
      const code = bodyError.type === 'entity.too.large' ? 'request.too_large' : 'request.malformed';
      sendProblem(req, res, {
        status: bodyError.status,
        code,
        title: translate(req, code, 'bad request'),
        detail: bodyError.type === 'entity.too.large' ? 'the request body is too large' : 'the request body is not valid JSON',
        extra: { errors: [{ field: 'body', message: bodyError.type ?? 'invalid' }] },
      });
      return;
    }
    log.error({ err, requestId: req.id }, 'unhandled error');
    sendProblem(req, res, { status: 500, code: 'internal', title: translate(req, 'internal', 'internal error') });
  };
}
