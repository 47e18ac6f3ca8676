import { splitSentences } from './segmenter.js';

/** A source sentence (or line) and its approved translation, as the memory keeps them. */
export interface AlignedPair {
  source: string;
  target: string;
}

interface Text {
  title: string;
  body: string;
}

const contentLines = (body: string): string[] => body.split('\n').map((line) => line.trim()).filter(Boolean);

/**
 * Pairs an approved translation with its source, conservatively: a wrong pair would be offered to the next
 * mediator as a translation of a sentence it does not translate. Titles pair with titles. Body lines pair
 * one to one only when both texts have as many non-blank lines (the content library and the console keep a
 * notice's lines); within a line pair, sentences pair one to one when both have as many, otherwise the
 * whole line is one pair (a translator who joined two sentences into one). Bodies whose lines do not
 * correspond give their title alone.
 */
export function alignNotice(source: Text, sourceLang: string, target: Text, targetLang: string): AlignedPair[] {
  const pairs: AlignedPair[] = [];
  if (source.title.trim() && target.title.trim()) pairs.push({ source: source.title.trim(), target: target.title.trim() });
  const sourceLines = contentLines(source.body);
  const targetLines = contentLines(target.body);
  if (sourceLines.length !== targetLines.length) return pairs;
  sourceLines.forEach((sourceLine, i) => {
    const targetLine = targetLines[i]!;
    const sourceSentences = splitSentences(sourceLine, sourceLang);
    const targetSentences = splitSentences(targetLine, targetLang);
    if (sourceSentences.length === targetSentences.length) {
      sourceSentences.forEach((sentence, n) => pairs.push({ source: sentence, target: targetSentences[n]! }));
    } else {
      pairs.push({ source: sourceLine, target: targetLine });
    }
  });
  return pairs;
}
