import { formatOnTownClock } from '../../platform/opening-hours.js';
import { menuLines, topicList } from '../subscriptions/subscription-topics.js';

/**
 * A translation in exactly this language, or undefined: no silent fallback to another language. `values` fill the
 * text's `{{placeholders}}` (i18next's interpolation; `count` picks the plural form).
 */
export type Translate = (key: string, language: string, values?: Record<string, string | number>) => string | undefined;

export type InboxText = 'ack' | 'languageSet' | 'stopped' | 'started' | 'subscribed' | 'subscribedTopics' | 'unsubscribed';

export interface AutomaticTextOptions {
  /** How to receive the notices in this chat (ISCRIVIMI): after a first answer in a direct chat. */
  subscribeHint?: boolean;
  /** The numbered topics to choose from (ISCRIVIMI 1 3): after a subscription to every topic. */
  topicsMenu?: boolean;
  /** The topics a `subscribedTopics` confirmation names. */
  topics?: readonly string[];
  /** The office is closed: when it opens again, said in the citizen's language on the town's clock. */
  opensAt?: { at: Date; timeZone: string };
}

/**
 * The text of an automatic message in the citizen's language. When that language has no translation of it,
 * or was never chosen nor recognised, the Italian and English texts go together, followed by how to choose a
 * language; the additions (`AutomaticTextOptions`) come in the same language(s).
 * Citizens' own text is never part of these messages: nothing they write is interpolated.
 */
export function composeAutomaticText(translate: Translate, key: InboxText, language: string, languageKnown: boolean, options: AutomaticTextOptions = {}): string {
  const text = (lang: string): string | undefined => translate(`inbox.${key}`, lang, { topics: topicList(translate, lang, options.topics ?? []) });
  // Right after the message: when the office opens again. Then what else the citizen can do.
  const notes = (langs: string[]): string[] =>
    options.opensAt ? langs.flatMap((lang) => translate('inbox.closedUntil', lang, { when: formatOnTownClock(options.opensAt!.at, lang, options.opensAt!.timeZone) }) ?? []) : [];
  const additions = (langs: string[]): string[] => [
    ...(options.topicsMenu ? [menuIn(translate, langs)] : []),
    ...(options.subscribeHint ? langs.map((lang) => translate('inbox.subscribeHint', lang)) : []),
  ].filter((part): part is string => Boolean(part));
  const own = languageKnown ? text(language) : undefined;
  if (own) return [own, ...notes([language]), ...additions([language])].join('\n\n');
  const both = ['it', 'en'].map(text).filter(Boolean);
  const hint = key === 'ack' ? ['it', 'en'].map((lang) => translate('inbox.chooseLanguage', lang) ?? '').filter(Boolean) : [];
  return [...both, ...notes(['it', 'en']), ...hint, ...additions(['it', 'en'])].join('\n\n');
}

/** The menu's invitation in each language, then one line per topic with its names in each ("3 Scuola / School"). */
function menuIn(translate: Translate, langs: readonly string[]): string | undefined {
  const usable = langs.filter((lang) => translate('inbox.topicsMenu', lang) && menuLines(translate, lang));
  if (usable.length === 0) return undefined;
  const lines = usable.map((lang) => menuLines(translate, lang)!.split('\n'));
  const merged = lines[0]!.map((line, i) => [line, ...lines.slice(1).map((other) => other[i]!.replace(/^\d+ /, ''))].join(' / '));
  return [...usable.map((lang) => translate('inbox.topicsMenu', lang)!), ...merged].join('\n');
}
