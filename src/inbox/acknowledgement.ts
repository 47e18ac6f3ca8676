/** A translation in exactly this language, or undefined: no silent fallback to another language. */
export type Translate = (key: string, language: string) => string | undefined;

export type InboxText = 'ack' | 'languageSet' | 'stopped' | 'started' | 'subscribed' | 'unsubscribed';

/**
 * The text of an automatic message in the citizen's language. When that language has no translation of it,
 * or was never chosen nor recognised, the Italian and English texts go together, followed by how to choose a
 * language. `subscribeHint` adds how to receive the notices in this chat (ISCRIVIMI), in the same language(s).
 * Citizens' own text is never part of these messages: nothing they write is interpolated.
 */
export function composeAutomaticText(translate: Translate, key: InboxText, language: string, languageKnown: boolean, options: { subscribeHint?: boolean } = {}): string {
  const own = languageKnown ? translate(`inbox.${key}`, language) : undefined;
  const hintIn = (langs: string[]) => (options.subscribeHint ? langs.map((lang) => translate('inbox.subscribeHint', lang) ?? '').filter(Boolean) : []);
  if (own) return [own, ...hintIn([language])].join('\n\n');
  const both = ['it', 'en'].map((lang) => translate(`inbox.${key}`, lang) ?? '').filter(Boolean);
  const hint = key === 'ack' ? ['it', 'en'].map((lang) => translate('inbox.chooseLanguage', lang) ?? '').filter(Boolean) : [];
  return [...both, ...hint, ...hintIn(['it', 'en'])].join('\n\n');
}
