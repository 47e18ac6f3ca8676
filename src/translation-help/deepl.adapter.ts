import type { Translator } from './translator.port.js';
import { TranslatorFailed } from './translator.errors.js';
import { errorText, failureOf, postToEngine } from './translator-http.js';

export interface DeepLOptions {
  apiKey: string;
  /** Default: DeepL's free API for a key ending in `:fx`, the Pro API otherwise. */
  url?: string | undefined;
  timeoutMs?: number;
}

/** DeepL's target codes where they differ from an upper-cased tag: it wants a variety for English and Portuguese. */
const TARGETS: Record<string, string> = { en: 'EN-GB', pt: 'PT-PT', 'zh-Hans': 'ZH-HANS', 'zh-Hant': 'ZH-HANT' };

export const deeplTarget = (lang: string): string => TARGETS[lang] ?? lang.toUpperCase();

/**
 * DeepL's `POST /v2/translate` (`text[]`, `source_lang`, `target_lang`; `Authorization: DeepL-Auth-Key …`),
 * answering `{ translations: [{ text }] }` in order. Errors are `{ message }` with 400, 403 (key refused),
 * 429 (too many requests), 456 (quota exceeded) or 5xx.
 */
export function createDeepLTranslator(options: DeepLOptions): Translator {
  const base = options.url ?? (options.apiKey.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com');
  const endpoint = new URL('v2/translate', base.endsWith('/') ? base : `${base}/`).href;
  return {
    engine: 'deepl',
    async translate(texts, from, to) {
      if (texts.length === 0) return [];
      const answer = await postToEngine(
        'deepl',
        endpoint,
        { authorization: `DeepL-Auth-Key ${options.apiKey}` },
        // `auto`: DeepL detects the source language when none is given.
        { text: texts, ...(from === 'auto' ? {} : { source_lang: from.split('-')[0]!.toUpperCase() }), target_lang: deeplTarget(to) },
        options.timeoutMs ?? 20_000,
      );
      if (answer.status !== 200) throw new TranslatorFailed('deepl', failureOf(answer.status, { 456: 'quota_exceeded' }), errorText(answer.body, 'message'), answer.retryAfterSeconds);
      const translations = (answer.body as { translations?: unknown } | undefined)?.translations;
      if (!Array.isArray(translations) || translations.length !== texts.length) {
        throw new TranslatorFailed('deepl', 'bad_answer', 'translations is not one text per sentence sent');
      }
      return translations.map((t) => {
        const text = (t as { text?: unknown }).text;
        if (typeof text !== 'string') throw new TranslatorFailed('deepl', 'bad_answer', 'a translation without text');
        return text;
      });
    },
  };
}
