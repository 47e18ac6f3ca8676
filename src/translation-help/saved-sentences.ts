import type { Announcement } from '../announcements/index.js';
import { normalizeSegment } from './memory-index.js';
import { alignNotice } from './segment-alignment.js';
import type { Segment } from './segmenter.js';
import type { SegmentSuggestions } from './translation-help.service.js';

/**
 * The language's current text by source sentence: as saved sentence by sentence when it was (and the
 * source has not changed since), else split back into sentences when it aligns with the source.
 */
export function savedSentences(announcement: Announcement, lang: string, source: { title: string; body: string }, segments: Segment[]): Map<string, NonNullable<SegmentSuggestions['saved']>> {
  const written = announcement.translations.find((t) => t.lang === lang);
  const found = new Map<string, NonNullable<SegmentSuggestions['saved']>>();
  if (written?.title === undefined || written.body === undefined) return found;
  if (written.segments) {
    for (const s of written.segments) {
      if (segments.some((segment) => segment.key === s.key && segment.text === s.source)) found.set(s.key, { text: s.text, origin: s.origin, confirmed: s.confirmed });
    }
    return found;
  }
  const pairs = new Map(alignNotice(source, announcement.sourceLanguage, { title: written.title, body: written.body }, lang).map((p) => [normalizeSegment(p.source), p.target]));
  const lines = new Map<number, Segment[]>();
  for (const segment of segments) lines.set(segment.line, [...(lines.get(segment.line) ?? []), segment]);
  for (const line of lines.values()) {
    const whole = pairs.get(normalizeSegment(line.map((s) => s.text).join(' ')));
    if (line.length > 1 && whole !== undefined && line.some((s) => !pairs.has(normalizeSegment(s.text)))) {
      // The translator joined the line's sentences into one: the whole line goes to its first sentence.
      line.forEach((s, i) => found.set(s.key, { text: i === 0 ? whole : '', origin: 'written', confirmed: false }));
      continue;
    }
    for (const s of line) {
      const target = pairs.get(normalizeSegment(s.text));
      if (target !== undefined) found.set(s.key, { text: target, origin: 'written', confirmed: false });
    }
  }
  return found;
}
