import type { Announcement } from './announcement.types.js';
import { approvedTranslation, type TextInput } from './translation-rules.js';

export interface LocalizedText extends TextInput {
  lang: string;
}

/**
 * What a group in `lang` should receive, decided once here for dispatch and for rendering:
 * its approved translation; for an urgent notice without one, the urgent fallback (the Italian and
 * English texts, with a note in the group's language); otherwise nothing yet, never another language.
 */
export type DeliveryContent =
  | { mode: 'translation'; text: LocalizedText }
  | { mode: 'urgent_fallback'; texts: LocalizedText[] }
  | { mode: 'waiting_translation' };

/** The languages an urgent fallback is made of, in order; the source is added if it is neither. */
const FALLBACK_LANGUAGES = ['it', 'en'] as const;

export function selectDeliveryContent(announcement: Announcement, lang: string): DeliveryContent {
  const own = approvedTranslation(announcement, lang);
  if (own) return { mode: 'translation', text: { lang, title: own.title, body: own.body } };
  if (announcement.priority !== 'urgent') return { mode: 'waiting_translation' };
  const languages = [...new Set([...FALLBACK_LANGUAGES, announcement.sourceLanguage])];
  const texts = languages.flatMap((code) => {
    const text = approvedTranslation(announcement, code);
    return text ? [{ lang: code, title: text.title, body: text.body }] : [];
  });
  return { mode: 'urgent_fallback', texts };
}
