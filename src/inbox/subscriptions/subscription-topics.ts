import type { Translate } from '../intake/acknowledgement.js';

/**
 * The topics a citizen chooses by number after the subscription keyword ("ISCRIVIMI 1 3", "订阅 3"): the numbers
 * are what citizens type from a menu they received earlier, so entries are only ever appended, never reordered.
 * Nine entries, so that every number is one digit and "ISCRIVIMI 13" means 1 and 3, as people type on a phone.
 */
export const SUBSCRIPTION_MENU = ['permits', 'appointments', 'school', 'health', 'family', 'work', 'housing', 'desk', 'events'] as const;

/**
 * Not a choice in the menu: a citizen who picks topics still receives emergencies (floods, heat, office closures
 * at short notice), which matter to everyone and which nobody thinks of choosing in advance.
 */
export const ALWAYS_CHOSEN = 'emergency';

/** The menu numbers a citizen typed, as topic codes in menu order, emergencies included; none when none is valid. */
export function topicsOfChoices(choices: readonly number[]): string[] {
  const chosen = SUBSCRIPTION_MENU.filter((_, i) => choices.includes(i + 1));
  return chosen.length > 0 ? [...chosen, ALWAYS_CHOSEN] : [];
}

/** "1 Residence permits" … one line per entry, in one language; undefined when that language has no topic names. */
export function menuLines(translate: Translate, language: string): string | undefined {
  const names = SUBSCRIPTION_MENU.map((topic) => translate(`inbox.topics.${topic}`, language));
  if (names.some((name) => name === undefined)) return undefined;
  return names.map((name, i) => `${i + 1} ${name}`).join('\n');
}

/** The topics' names joined as the language joins a list ("School, Health and Events"); codes the language cannot name are left out. */
export function topicList(translate: Translate, language: string, topics: readonly string[]): string {
  const names = topics.map((topic) => translate(`inbox.topics.${topic}`, language)).filter((name): name is string => name !== undefined);
  try {
    return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}
