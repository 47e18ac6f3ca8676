import type { Translator } from './translator.port.js';
import { TranslatorFailed } from './translator.errors.js';
import { errorText, failureOf, postToEngine } from './translator-http.js';

export interface LibreTranslateOptions {
  /** The town's server, e.g. `http://libretranslate.internal:5000`. */
  url: string;
  apiKey?: string | undefined;
  timeoutMs?: number;
}

/**
 * LibreTranslate's `POST /translate` (`q`, `source`, `target`, `format`, `api_key`): `q` as an array gives
 * `translatedText` as an array, in order. Errors are `{ error }` with 400 (bad request), 403 (key refused),
 * 429 (slow down) or 500. Its codes for Chinese are `zh-Hans` and `zh-Hant`, as Sportello's.
 */
export function createLibreTranslateTranslator(options: LibreTranslateOptions): Translator {
  const endpoint = new URL('translate', options.url.endsWith('/') ? options.url : `${options.url}/`).href;
  return {
    engine: 'libretranslate',
    async translate(texts, from, to) {
      if (texts.length === 0) return [];
      const answer = await postToEngine(
        'libretranslate',
        endpoint,
        {},
        { q: texts, source: from, target: to, format: 'text', ...(options.apiKey ? { api_key: options.apiKey } : {}) },
        options.timeoutMs ?? 20_000,
      );
      if (answer.status !== 200) throw new TranslatorFailed('libretranslate', failureOf(answer.status), errorText(answer.body, 'error'), answer.retryAfterSeconds);
      const translated = (answer.body as { translatedText?: unknown } | undefined)?.translatedText;
      if (!Array.isArray(translated) || translated.length !== texts.length || !translated.every((t) => typeof t === 'string')) {
        throw new TranslatorFailed('libretranslate', 'bad_answer', 'translatedText is not one text per sentence sent');
      }
      return translated as string[];
    },
  };
}
