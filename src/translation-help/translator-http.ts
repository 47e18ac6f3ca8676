import { TranslatorFailed, type TranslatorFailure } from './translator.errors.js';

export interface EngineAnswer {
  status: number;
  body: unknown;
  retryAfterSeconds: number | undefined;
}

/**
 * One JSON POST to an engine. No text is logged here or by the callers: notices are not secret, but the
 * same port may one day carry a citizen's words.
 */
export async function postToEngine(engine: string, url: string, headers: Record<string, string>, body: unknown, timeoutMs: number): Promise<EngineAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new TranslatorFailed(engine, 'unreachable', (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'the server could not be reached');
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return { status: response.status, body: parsed, retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined };
}

/** The failure an engine's error status stands for; `extra` adds an engine's own codes (DeepL's 456). */
export function failureOf(status: number, extra: Record<number, TranslatorFailure> = {}): TranslatorFailure {
  if (extra[status]) return extra[status];
  if (status === 401 || status === 403) return 'key_refused';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'request_refused';
}

/** A text field of an error body (`{ error }` for LibreTranslate, `{ message }` for DeepL), cut short. */
export function errorText(body: unknown, field: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' ? value.slice(0, 200) : 'no explanation given';
}
