/**
 * What the groups and citizens of one language receive of a notice: the one rule behind both the reach table
 * ("who will receive it", before anything is saved) and publishing, so they never disagree.
 * - `translation`: its approved text in their language;
 * - `urgent_fallback`: no approved text in their language (chosen or not), but the notice is urgent: the Italian
 *   and English texts go at once, with a note in their language;
 * - `after_translation`: their language was chosen and its text is not approved yet: it goes once approved;
 * - `not_chosen`: nobody chose their language for a normal notice: they receive nothing (add the language to
 *   send it to them).
 */
export type Reception = 'translation' | 'urgent_fallback' | 'after_translation' | 'not_chosen';

export interface NoticeLanguages {
  priority: 'normal' | 'urgent';
  /** The languages chosen for the notice (the source included). */
  languages: readonly string[];
  /** Those with an approved text (the source included); none while the notice is being written. */
  approvedLanguages: readonly string[];
}

export function receptionOf(notice: NoticeLanguages, language: string): Reception {
  if (notice.approvedLanguages.includes(language)) return 'translation';
  if (notice.priority === 'urgent') return 'urgent_fallback';
  return notice.languages.includes(language) ? 'after_translation' : 'not_chosen';
}
