import type { ApprovalWarning } from '../announcements/index.js';
import type { GlossaryTerm } from './glossary-term.js';
import { renderingFinder } from './rendering-match.js';

const fold = (text: string): string => text.normalize('NFC').toLocaleLowerCase('it').replace(/\s+/g, ' ');
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The term as a whole word or phrase, whatever the case and the spacing ("Questura", "questura"; not "questurino"). */
function termPattern(term: string): RegExp {
  const words = fold(term).trim().split(' ').map(escape).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, 'iu');
}

/** The renderings a translation may use, separated by `|` in the glossary (accepted alternatives). */
export const renderingsOf = (term: Pick<GlossaryTerm, 'rendering'>): string[] =>
  term.rendering.split('|').map((r) => r.trim()).filter(Boolean);

/** Glossary terms the source text uses. */
export function termsUsedIn(source: string, terms: readonly GlossaryTerm[]): GlossaryTerm[] {
  return terms.filter((term) => termPattern(term.term).test(source));
}

/**
 * Terms the source uses whose approved rendering the `lang` translation lacks: what the approver is warned of.
 * A rendering counts in any inflected form (`rendering-match.ts`).
 */
export function missingRenderings(source: string, translation: string, terms: readonly GlossaryTerm[], lang: string): ApprovalWarning[] {
  const used = termsUsedIn(source, terms);
  if (used.length === 0) return [];
  // Splitting and stemming the translation is the costly part: done once, and only if the notice uses a term.
  const uses = renderingFinder(translation, lang);
  return used
    .filter((term) => !renderingsOf(term).some(uses))
    .map((term) => ({ code: 'glossary.term_missing' as const, term: term.term, expected: term.rendering }));
}
