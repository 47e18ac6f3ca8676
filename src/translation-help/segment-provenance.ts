import { distance } from 'fastest-levenshtein';
import type { SegmentOrigin, Translation, TranslationSegment } from '../announcements/index.js';
import type { Shares } from './help-record.repository.js';

/** A text a sentence may have started from: a memory suggestion or the machine draft. */
export interface Candidate {
  origin: Exclude<SegmentOrigin, 'typed'>;
  text: string;
}

/**
 * Where a saved sentence came from, decided by Sportello rather than told by the browser: the offered text
 * it is closest to, if the mediator changed less than half of it; otherwise it is their own typing. An
 * unchanged sentence that both the memory and the machine offered counts as memory (a person approved it once).
 */
export function classifySegment(segment: { key: string; source: string; text: string; confirmed?: boolean | undefined }, candidates: readonly Candidate[]): TranslationSegment {
  const text = segment.text.trim();
  const base = { key: segment.key, source: segment.source, text, confirmed: segment.confirmed === true };
  let best: { origin: Candidate['origin']; edited: number } | undefined;
  for (const candidate of [...candidates].sort((a, b) => (a.origin === b.origin ? 0 : a.origin === 'memory' ? -1 : 1))) {
    const edited = distance(candidate.text.trim(), text);
    if (!best || edited < best.edited) best = { origin: candidate.origin, edited };
  }
  if (text && best && best.edited * 2 <= text.length) return { ...base, origin: best.origin, edited: best.edited };
  return { ...base, origin: 'typed', edited: text.length };
}

/**
 * Characters of the final text by where they came from: a suggestion's unchanged characters count for it,
 * the changed ones (edit distance) for typing. A text written whole, without segments, is all typing.
 */
export function helpShares(translation: Pick<Translation, 'title' | 'body' | 'segments'>): Shares {
  const chars: Shares = { memory: 0, machine: 0, typed: 0 };
  if (!translation.segments) {
    chars.typed = (translation.title ?? '').length + (translation.body ?? '').length;
    return chars;
  }
  for (const segment of translation.segments) {
    const length = segment.text.length;
    const changed = Math.min(segment.edited, length);
    if (segment.origin === 'typed') chars.typed += length;
    else {
      chars[segment.origin] += length - changed;
      chars.typed += changed;
    }
  }
  return chars;
}

/** Each kind's part of all the characters (0 to 1, three decimals); all 0 when there are none. */
export function sharesOf(chars: Shares): Shares {
  const total = chars.memory + chars.machine + chars.typed;
  const share = (n: number): number => (total === 0 ? 0 : Math.round((n / total) * 1000) / 1000);
  return { memory: share(chars.memory), machine: share(chars.machine), typed: share(chars.typed) };
}
