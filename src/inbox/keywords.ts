import { isSupportedLanguage } from '../languages/index.js';

/**
 * The only commands a citizen can give; every other message is a question, stored as text. A keyword is
 * the whole message (case and surrounding spaces ignored), so a question that merely contains "stop" is not one.
 */
export type Keyword = { kind: 'stop' } | { kind: 'start' } | { kind: 'language'; language: string };

const LANGUAGE = /^(?:lang|lingua|language|langue|idioma|语言|語言|لغة)\s+([a-z]{2,3}(?:-[a-z]{4})?)$/iu;
const STOP = /^(?:stop|basta|停止|توقف)$/iu;
const START = /^(?:start|inizia|开始|ابدأ)$/iu;

/** Language codes as citizens type them: `zh` means Simplified Chinese, `ZH-HANT` its Traditional form. */
const ALIASES: Record<string, string> = { zh: 'zh-Hans', 'zh-hans': 'zh-Hans', 'zh-hant': 'zh-Hant' };

export function parseKeyword(text: string): Keyword | undefined {
  const trimmed = text.trim();
  if (STOP.test(trimmed)) return { kind: 'stop' };
  if (START.test(trimmed)) return { kind: 'start' };
  const match = LANGUAGE.exec(trimmed);
  if (!match?.[1]) return undefined;
  const typed = match[1].toLowerCase();
  const language = ALIASES[typed] ?? typed;
  return isSupportedLanguage(language) ? { kind: 'language', language } : undefined;
}
