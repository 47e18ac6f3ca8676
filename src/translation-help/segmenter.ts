/**
 * Sentences of a notice. `Intl.Segmenter` is ICU's sentence-break iterator (Unicode UAX #29 plus ICU's
 * language data), built into Node 20 with full ICU: it ends sentences at Chinese 。！？ and Arabic ؟ as well
 * as at Latin punctuation, so no npm segmenter is needed (the ones there wrap the same rules or know only
 * Latin punctuation). Notices are short, line-based texts (bullets, a line per point): each body line is
 * segmented on its own, so a bullet is never glued to the next line.
 */

/** One sentence of a notice: `t` the title, `b<line>.<n>` the n-th sentence of body line `line`. */
export interface Segment {
  key: string;
  /** The body line it sits on; -1 for the title. */
  line: number;
  text: string;
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(lang: string): Intl.Segmenter {
  let segmenter = segmenters.get(lang);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' });
    segmenters.set(lang, segmenter);
  }
  return segmenter;
}

// ICU in Node has no Italian abbreviation list ("es. 14/11", "ecc. e"): a "sentence" that starts with a
// lower-case letter or a digit continues the previous one.
const CONTINUES = /^[\p{Ll}\p{Nd}]/u;

/** The sentences of one line, trimmed, in order. */
export function splitSentences(text: string, lang: string): string[] {
  const sentences: string[] = [];
  for (const { segment } of segmenterFor(lang).segment(text)) {
    const sentence = segment.trim();
    if (!sentence) continue;
    if (sentences.length > 0 && CONTINUES.test(sentence)) sentences[sentences.length - 1] += ` ${sentence}`;
    else sentences.push(sentence);
  }
  return sentences;
}

/** The title, then each body line's sentences; blank lines give no segment but keep their place in `line`. */
export function segmentNotice(text: { title: string; body: string }, lang: string): Segment[] {
  const segments: Segment[] = [{ key: 't', line: -1, text: text.title.trim() }];
  text.body.split('\n').forEach((line, index) => {
    splitSentences(line, lang).forEach((sentence, n) => segments.push({ key: `b${index}.${n}`, line: index, text: sentence }));
  });
  return segments;
}

/** Chinese and Japanese put no space between words or sentences; every other script Sportello serves does. */
export function writesWithoutSpaces(lang: string): boolean {
  return /^(zh|ja)\b/.test(lang);
}

function sentenceJoiner(lang: string): string {
  return writesWithoutSpaces(lang) ? '' : ' ';
}

/**
 * A translation put back together from its segments, on the source body's lines: the sentences of one
 * source line make one line, blank lines stay blank. Segments without text are left out.
 */
export function composeNotice(sourceBody: string, segments: ReadonlyArray<{ key: string; text: string }>, lang: string): { title: string; body: string } {
  const lines: string[][] = sourceBody.split('\n').map(() => []);
  let title = '';
  for (const segment of segments) {
    const text = segment.text.trim();
    if (!text) continue;
    if (segment.key === 't') title = text;
    else lines[Number(/^b(\d+)\./.exec(segment.key)?.[1])]?.push(text);
  }
  return { title, body: lines.map((sentences) => sentences.join(sentenceJoiner(lang))).join('\n').trim() };
}
