// What the console needs to know about a notice's state, in one place for the menu, the list and the page.

/** Statuses after publishing: the texts can no longer change. */
export const PUBLISHED = new Set(['scheduled', 'sending', 'sent', 'cancelled', 'expired']);
/** Translation states that still need a mediator. */
const TO_DO = new Set(['missing', 'draft', 'needs_review']);

/** The mediator's languages of this notice that still need their translation or approval. */
export function languagesToTranslate(a, languages) {
  if (PUBLISHED.has(a.status)) return [];
  return languages.filter((lang) => a.translations[lang] && TO_DO.has(a.translations[lang].status));
}

export const TOPICS = ['permits', 'appointments', 'school', 'health', 'family', 'work', 'housing', 'desk', 'emergency', 'events'];
export const DELIVERY_STATES = ['waiting_translation', 'planned', 'queued', 'sending', 'sent', 'failed', 'cancelled', 'expired'];
