import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { fillPlaceholders, parseContentFile } from '../src/content-library/content-file.parser.js';
import { MemoryIndex, normalizeSegment, type MemoryUnit } from '../src/translation-help/memory-index.js';
import { alignNotice } from '../src/translation-help/segment-alignment.js';
import { segmentNotice } from '../src/translation-help/segmenter.js';

/**
 * `npm run bench:translation`: how much of a new notice the translation memory pre-fills, and how long
 * suggesting takes.
 *
 * 1. Share pre-filled: the content library (`content/*.md`, placeholders filled) then the realistic new notices
 *    of `test/fixtures/translation-notices.json`, in order, as an office would approve them: each notice is looked
 *    up against everything approved before it (exact, or fuzzy at TRANSLATION_FUZZY_MIN's default 0.8), then
 *    approved into the memory. The library's Chinese texts are aligned as they are; the new notices' translations
 *    stand in as `[zh] <sentence>` (the share depends on the Italian only).
 * 2. Time to suggest: every sentence of a 2,000-character notice looked up against a memory of 10,000 sentences
 *    (the sentences above and realistic variations of them), p95 over the runs, as a ratio to a baseline in the
 *    same run: the same sentences segmented, normalised and looked up in a plain `Map` (exact matches only).
 *    Both are in one process and exclude the HTTP request and the database read of changed notices.
 */
const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const MIN = 0.8;
const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const AT = new Date('2026-01-01T09:00:00Z');

interface Text {
  title: string;
  body: string;
}

const SAMPLE_VALUES: Record<string, string> = { date: '14/11', startTime: '06:00', endTime: '23:59', area: 'Prato, Vaiano, Vernio', fromDate: '02/03/2026', newHours: 'lun–ven 9:00–12:30', time: '10:30' };

function contentLibrary(): Array<{ it: Text; zh: Text | undefined }> {
  const dir = join(ROOT, 'content');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md')
    .sort()
    .map((name) => {
      const template = parseContentFile(name, readFileSync(join(dir, name), 'utf8'), AT);
      const values = Object.fromEntries(Object.keys(template.placeholders).map((key) => [key, SAMPLE_VALUES[key] ?? key]));
      const fill = (t: Text | undefined) => (t ? { title: fillPlaceholders(t.title, values), body: fillPlaceholders(t.body, values) } : undefined);
      return { it: fill(template.texts.it)!, zh: fill(template.texts['zh-Hans']) };
    });
}

const newNotices = (JSON.parse(readFileSync(join(ROOT, 'test/fixtures/translation-notices.json'), 'utf8')) as { notices: Text[] }).notices;

function unitsOf(id: string, it: Text, zh: Text | undefined): MemoryUnit[] {
  const pairs = zh ? alignNotice(it, 'it', zh, 'zh-Hans') : segmentNotice(it, 'it').map((s) => ({ source: s.text, target: `[zh] ${s.text}` }));
  return pairs.map((pair) => ({ ...pair, sourceLanguage: 'it', lang: 'zh-Hans', announcementId: id, noticeTitle: it.title, approvedAt: AT }));
}

// 1. Share of sentences pre-filled, notice after notice.
const memory = new MemoryIndex();
const library = contentLibrary();
let librarySentences = 0;
library.forEach((notice, i) => {
  librarySentences += segmentNotice(notice.it, 'it').length;
  memory.replace(`library-${i}`, unitsOf(`library-${i}`, notice.it, notice.zh));
});
let total = 0;
let exact = 0;
let fuzzy = 0;
const perNotice: number[] = [];
newNotices.forEach((notice, i) => {
  const segments = segmentNotice(notice, 'it');
  let found = 0;
  for (const segment of segments) {
    const [best] = memory.lookup(segment.text, 'it', 'zh-Hans', { min: MIN });
    if (!best) continue;
    found += 1;
    if (best.score === 1) exact += 1;
    else fuzzy += 1;
  }
  total += segments.length;
  perNotice.push(found / segments.length);
  memory.replace(`new-${i}`, unitsOf(`new-${i}`, notice, undefined));
});
const prefilledShare = (exact + fuzzy) / total;

// 2. Time to suggest against 10,000 sentences.
const seedSentences = [...new Set([...library.map((n) => n.it), ...newNotices].flatMap((n) => segmentNotice(n, 'it').map((s) => s.text)))];
const PLACES = ['Prato', 'Vaiano', 'Vernio', 'Montemurlo', 'Carmignano', 'Poggio a Caiano', 'Cantagallo'];
const DAYS = ['lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato'];
let seed = 42;
const random = (n: number): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed % n;
};
/** A realistic variation of an office sentence: another date, time, place or day, and an added clause sometimes. */
function vary(sentence: string, n: number): string {
  const varied = sentence
    .replace(/\b\d{1,2}\/\d{1,2}\b/g, () => `${1 + random(28)}/${1 + random(12)}`)
    .replace(/\b\d{1,2}:\d{2}\b/g, () => `${8 + random(10)}:${random(2) ? '30' : '00'}`)
    .replace(new RegExp(`\\b(${PLACES.join('|')})\\b`, 'g'), () => PLACES[random(PLACES.length)]!)
    .replace(new RegExp(`\\b(${DAYS.join('|')})\\b`, 'g'), () => DAYS[random(DAYS.length)]!);
  return n % 3 === 0 ? varied.replace(/[.!?;:]?$/, ` (pratica n. ${n}).`) : `${varied} [${n}]`;
}
const big = new MemoryIndex();
const exactMap = new Map<string, string>();
for (let n = 0; n < 10_000; n++) {
  const source = n < seedSentences.length ? seedSentences[n]! : vary(seedSentences[n % seedSentences.length]!, n);
  big.replace(`m${n}`, [{ sourceLanguage: 'it', lang: 'zh-Hans', source, target: `[zh] ${source}`, announcementId: `m${n}`, noticeTitle: 'bench', approvedAt: AT }]);
  exactMap.set(`it\u0000zh-Hans\u0000${normalizeSegment(source)}`, `[zh] ${source}`);
}
// The query: new notices' lines, every other sentence lightly changed, until 2,000 characters.
const lines: string[] = [];
for (let i = 0; lines.join('\n').length < 2000; i++) {
  const notice = newNotices[i % newNotices.length]!;
  const line = notice.body.split('\n').filter(Boolean)[i % 3] ?? notice.title;
  lines.push(i % 2 ? line.replace(/\bil\b/, 'lo').replace(/\./, ',') : line);
}
const query = { title: 'Avviso di prova', body: lines.join('\n').slice(0, 2000) };

function timeRuns(run: () => void): number[] {
  for (let i = 0; i < 20; i++) run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}
const p = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
let offered = 0;
const suggestTimes = timeRuns(() => {
  offered = 0;
  for (const segment of segmentNotice(query, 'it')) if (big.lookup(segment.text, 'it', 'zh-Hans', { min: MIN }).length) offered += 1;
});
const baselineTimes = timeRuns(() => {
  for (const segment of segmentNotice(query, 'it')) exactMap.get(`it\u0000zh-Hans\u0000${normalizeSegment(segment.text)}`);
});
const querySentences = segmentNotice(query, 'it').length;

const round = (n: number, digits = 3): number => Math.round(n * 10 ** digits) / 10 ** digits;
console.log(`content library: ${library.length} notices, ${librarySentences} sentences; new notices: ${newNotices.length}, ${total} sentences`);
console.log(`pre-filled from memory: ${exact + fuzzy}/${total} = ${round(prefilledShare)} (exact ${exact}, fuzzy ≥ ${MIN} ${fuzzy}); per notice min ${round(Math.min(...perNotice))}, max ${round(Math.max(...perNotice))}`);
console.log(`suggest for a ${query.body.length + query.title.length}-character notice (${querySentences} sentences, ${offered} with a suggestion) against ${big.size} sentences: p50 ${round(p(suggestTimes, 0.5))} ms, p95 ${round(p(suggestTimes, 0.95))} ms (target ≤ 50)`);
console.log(`baseline (segment + exact Map lookup of the same sentences): p50 ${round(p(baselineTimes, 0.5))} ms, p95 ${round(p(baselineTimes, 0.95))} ms`);
console.log(
  JSON.stringify({
    notices: newNotices.length,
    sentences: total,
    prefilledShare: round(prefilledShare),
    exact,
    fuzzy,
    fuzzyMin: MIN,
    memorySentences: big.size,
    queryCharacters: query.body.length + query.title.length,
    querySentences,
    suggestP50Ms: round(p(suggestTimes, 0.5)),
    suggestP95Ms: round(p(suggestTimes, 0.95)),
    baselineP95Ms: round(p(baselineTimes, 0.95)),
    p95VsBaseline: round(p(suggestTimes, 0.95) / p(baselineTimes, 0.95), 1),
    targetMet: p(suggestTimes, 0.95) <= 50,
    runs: RUNS,
  }),
);
