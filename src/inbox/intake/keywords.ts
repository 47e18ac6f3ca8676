import { isSupportedLanguage } from '../../languages/index.js';

/**
 * The only commands a citizen can give; every other message is a question, stored as text. A keyword is
 * the whole message (case and surrounding spaces ignored), so a question that merely contains "stop" is not one.
 */
export type Keyword =
  | { kind: 'stop' }
  | { kind: 'start' }
  /** `choices`: the menu numbers typed after the word ("ISCRIVIMI 1 3"), see `subscription-topics.ts`. */
  | { kind: 'subscribe'; choices?: number[] }
  | { kind: 'unsubscribe' }
  | { kind: 'language'; language: string };

const LANGUAGE = /^(?:lang|lingua|language|langue|idioma|语言|語言|لغة)\s+([a-z]{2,3}(?:-[a-z]{4})?)$/iu;
const STOP = /^(?:stop|basta|停止|توقف)$/iu;
const START = /^(?:start|inizia|开始|ابدأ)$/iu;
/** Notices in this chat (see `SubscriberTargets`): Italian and English words, and the two largest communities' own. */
const SUBSCRIBE = /^(?:iscrivimi|iscrivi|avvisi|subscribe|订阅|訂閱|اشتراك|اشترك)(?:[\s:：,，]*([\p{Nd}][\p{Nd}\s,，、;.]*))?$/iu;
const UNSUBSCRIBE = /^(?:disiscrivimi|disiscrivi|cancellami|unsubscribe|退订|退訂|取消订阅|取消訂閱|إلغاء الاشتراك|الغاء الاشتراك)$/iu;

/** Language codes as citizens type them: `zh` means Simplified Chinese, `ZH-HANT` its Traditional form. */
const ALIASES: Record<string, string> = { zh: 'zh-Hans', 'zh-hans': 'zh-Hans', 'zh-hant': 'zh-Hant' };

export function parseKeyword(text: string): Keyword | undefined {
  const trimmed = text.trim();
  if (STOP.test(trimmed)) return { kind: 'stop' };
  if (START.test(trimmed)) return { kind: 'start' };
  const subscribe = SUBSCRIBE.exec(trimmed);
  if (subscribe) return subscribe[1] ? { kind: 'subscribe', choices: digitsOf(subscribe[1]) } : { kind: 'subscribe' };
  if (UNSUBSCRIBE.test(trimmed)) return { kind: 'unsubscribe' };
  const match = LANGUAGE.exec(trimmed);
  if (!match?.[1]) return undefined;
  const typed = match[1].toLowerCase();
  const language = ALIASES[typed] ?? typed;
  return isSupportedLanguage(language) ? { kind: 'language', language } : undefined;
}

/**
 * Each digit is one choice, in whatever script the phone typed it (Arabic-Indic ٣, Persian ۳, full-width ３ of
 * Chinese keyboards): "13", "1 3" and "1,3" all mean 1 and 3. Repeats count once; 0 is nothing.
 */
function digitsOf(typed: string): number[] {
  const digits = [...typed].filter((c) => /\p{Nd}/u.test(c)).map(digitValue);
  return [...new Set(digits)].filter((d) => d > 0);
}

/** The value of one decimal digit: Unicode puts each script's ten digits in a run starting at its zero. */
function digitValue(digit: string): number {
  const code = digit.codePointAt(0)!;
  for (let zero = code; zero >= code - 9; zero -= 1) {
    if (!/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) return code - zero;
  }
  return 0;
}
