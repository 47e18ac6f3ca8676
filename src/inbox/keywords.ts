import { isSupportedLanguage } from '../languages/index.js';

/**
 * The only commands a citizen can give; every other message is a question, stored as text. A keyword is
 * the whole message (case and surrounding spaces ignored), so a question that merely contains "stop" is not one.
 */
export type Keyword = { kind: 'stop' } | { kind: 'start' } | { kind: 'subscribe' } | { kind: 'unsubscribe' } | { kind: 'language'; language: string };

const LANGUAGE = /^(?:lang|lingua|language|langue|idioma|语言|語言|لغة)\s+([a-z]{2,3}(?:-[a-z]{4})?)$/iu;
const STOP = /^(?:stop|basta|停止|توقف)$/iu;
const START = /^(?:start|inizia|开始|ابدأ)$/iu;
/** Notices in this chat (see `SubscriberTargets`): Italian and English words, and the two largest communities' own. */
const SUBSCRIBE = /^(?:iscrivimi|iscrivi|avvisi|subscribe|订阅|訂閱|اشتراك|اشترك)$/iu;
const UNSUBSCRIBE = /^(?:disiscrivimi|disiscrivi|cancellami|unsubscribe|退订|退訂|取消订阅|取消訂閱|إلغاء الاشتراك|الغاء الاشتراك)$/iu;

/** Language codes as citizens type them: `zh` means Simplified Chinese, `ZH-HANT` its Traditional form. */
const ALIASES: Record<string, string> = { zh: 'zh-Hans', 'zh-hans': 'zh-Hans', 'zh-hant': 'zh-Hant' };

export function parseKeyword(text: string): Keyword | undefined {
  const trimmed = text.trim();
  if (STOP.test(trimmed)) return { kind: 'stop' };
  if (START.test(trimmed)) return { kind: 'start' };
  if (SUBSCRIBE.test(trimmed)) return { kind: 'subscribe' };
  if (UNSUBSCRIBE.test(trimmed)) return { kind: 'unsubscribe' };
  const match = LANGUAGE.exec(trimmed);
  if (!match?.[1]) return undefined;
  const typed = match[1].toLowerCase();
  const language = ALIASES[typed] ?? typed;
  return isSupportedLanguage(language) ? { kind: 'language', language } : undefined;
}
