/**
 * Splits a message into parts no longer than a platform allows, at the best break it can find:
 * a paragraph, then a line, then a sentence, then a word (ICU's dictionary segmentation finds word
 * boundaries in Chinese, which has no spaces), and only as a last resort between two graphemes, so
 * a part never ends inside a word, a surrogate pair, a combining sequence or a ZWJ emoji.
 * Lengths are UTF-16 code units, which is what both platforms' clients count.
 */

/** Room kept for the "(12/12) " prefix that numbers the parts. */
const NUMBERING_RESERVE = 8;
/** Segmenters look ahead a little past a boundary; give them context beyond the limit. */
const LOOKAHEAD = 64;

type Granularity = 'sentence' | 'word' | 'grapheme';

function lastBoundary(text: string, max: number, locale: string, granularity: Granularity, minimum: number): number {
  const window = text.slice(0, max + LOOKAHEAD);
  let best = 0;
  for (const { index } of new Intl.Segmenter(locale, { granularity }).segment(window)) {
    if (index > max) break;
    if (index >= minimum) best = index;
  }
  return best;
}

function lastSeparator(text: string, max: number, separator: string, minimum: number): number {
  const at = text.lastIndexOf(separator, max - separator.length);
  return at >= minimum ? at + separator.length : 0;
}

/** Where to cut `text` (longer than `max`) so the first part is at most `max` units. */
function findCut(text: string, max: number, locale: string): number {
  const half = Math.floor(max / 2);
  return (
    lastSeparator(text, max, '\n\n', half) ||
    lastSeparator(text, max, '\n', half) ||
    lastBoundary(text, max, locale, 'sentence', half) ||
    lastBoundary(text, max, locale, 'word', 1) ||
    lastBoundary(text, max, locale, 'grapheme', 1) ||
    // A single grapheme longer than the limit (absurd, but possible with combining marks): keep it whole.
    [...new Intl.Segmenter(locale, { granularity: 'grapheme' }).segment(text)][0]!.segment.length
  );
}

function splitPlain(text: string, max: number, locale: string): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const cut = findCut(rest, max, locale);
    const head = rest.slice(0, cut).trimEnd();
    if (head) parts.push(head);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

export function splitMessage(text: string, maxLength: number, locale: string): string[] {
  if (text.trim().length <= maxLength) return [text.trim()];
  const parts = splitPlain(text, maxLength - NUMBERING_RESERVE, locale);
  return parts.map((part, i) => `(${i + 1}/${parts.length}) ${part}`);
}
