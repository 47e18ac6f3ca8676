import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a double received: the body as JSON and the Authorization header (the key it was sent with). */
export interface ReceivedTranslation {
  body: Record<string, unknown>;
  authorization: string | undefined;
}

/**
 * A machine translation engine on a loopback port, speaking one vendor's documented HTTP API. Its "translation"
 * is the text marked with the target language (`⟨zh-Hans⟩ …`), so a test can tell a machine sentence at sight.
 */
export interface TranslatorDouble {
  url: string;
  received: ReceivedTranslation[];
  /** The next request gets this error status, with the vendor's error body. */
  failNext(status: number, message?: string): void;
  stop(): Promise<void>;
}

export const machineText = (text: string, target: string): string => `⟨${target}⟩ ${text}`;

type Handler = (body: Record<string, unknown>, req: IncomingMessage) => { status: number; json: unknown };

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function serve(path: string, errorField: 'error' | 'message', handle: Handler): Promise<TranslatorDouble> {
  const received: ReceivedTranslation[] = [];
  const failures: Array<{ status: number; message: string }> = [];
  const answer = (res: ServerResponse, status: number, json: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...(status === 429 ? { 'retry-after': '7' } : {}) }).end(JSON.stringify(json));
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST' || req.url !== path) return answer(res, 404, { [errorField]: 'Not Found' });
      const body = await readJson(req);
      if (!body) return answer(res, 400, { [errorField]: 'Invalid request: the body is not JSON' });
      received.push({ body, authorization: req.headers.authorization });
      const failure = failures.shift();
      if (failure) return answer(res, failure.status, { [errorField]: failure.message });
      const { status, json } = handle(body, req);
      answer(res, status, json);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    failNext(status, message = `failure ${status}`) {
      failures.push({ status, message });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * LibreTranslate's `POST /translate`: JSON `q` (a text or an array), `source`, `target`, `format`, `api_key`;
 * answers `{ translatedText }` (an array for an array), errors `{ error }` (400, 403 for a wrong key, 429, 500).
 */
export function startLibreTranslateDouble(options: { apiKey?: string } = {}): Promise<TranslatorDouble> {
  return serve('/translate', 'error', (body) => {
    if (options.apiKey !== undefined && body.api_key !== options.apiKey) return { status: 403, json: { error: 'Invalid API key' } };
    const { q, source, target } = body;
    if (q === undefined) return { status: 400, json: { error: 'Invalid request: missing q parameter' } };
    if (typeof source !== 'string' || typeof target !== 'string') return { status: 400, json: { error: 'Invalid request: missing source or target parameter' } };
    const texts = Array.isArray(q) ? (q as string[]) : [String(q)];
    const translated = texts.map((text) => machineText(text, target));
    return { status: 200, json: { translatedText: Array.isArray(q) ? translated : translated[0] } };
  });
}

/**
 * DeepL's `POST /v2/translate`: `Authorization: DeepL-Auth-Key <key>`, JSON `text` (an array), `source_lang`,
 * `target_lang`; answers `{ translations: [{ detected_source_language, text }] }`, errors `{ message }` (400,
 * 403 for a wrong key, 429 too many requests, 456 quota exceeded).
 */
export function startDeepLDouble(options: { apiKey: string }): Promise<TranslatorDouble> {
  return serve('/v2/translate', 'message', (body, req) => {
    if (req.headers.authorization !== `DeepL-Auth-Key ${options.apiKey}`) return { status: 403, json: { message: 'Forbidden' } };
    const { text, target_lang: target, source_lang: source } = body;
    if (!Array.isArray(text)) return { status: 400, json: { message: "Value for 'text' not supported." } };
    if (typeof target !== 'string') return { status: 400, json: { message: "Value for 'target_lang' not supported." } };
    return { status: 200, json: { translations: (text as string[]).map((t) => ({ detected_source_language: typeof source === 'string' ? source : 'IT', text: machineText(t, target) })) } };
  });
}
