import { distance } from 'fastest-levenshtein';

/** One aligned pair of an approved translation, with where it comes from. */
export interface MemoryUnit {
  sourceLanguage: string;
  lang: string;
  source: string;
  target: string;
  announcementId: string;
  /** The source notice's title, shown beside the suggestion. */
  noticeTitle: string;
  approvedAt: Date;
}

export interface MemoryMatch {
  unit: MemoryUnit;
  /** 1 for the same sentence (case and spacing aside); otherwise 1 − edit distance ÷ the longer length. */
  score: number;
}

export interface LookupOptions {
  /** The lowest fuzzy score offered (`TRANSLATION_FUZZY_MIN`). */
  min: number;
  limit?: number;
  /** The notice being translated: its own earlier text is not a suggestion for itself. */
  excludeAnnouncement?: string;
}

interface Slot {
  unit: MemoryUnit;
  key: string;
}

/** What two sentences are compared on: case, Unicode forms and runs of spaces do not make a difference. */
export function normalizeSegment(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('it').replace(/\s+/g, ' ').trim();
}

export function similarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - distance(a, b) / longer;
}

const tokensOf = (key: string): string[] => [...new Set(key.match(/[\p{L}\p{N}]+/gu) ?? [])];

/** Candidates verified by edit distance per looked-up sentence: enough for a handful of offers (fewer beside an exact match). */
const CANDIDATES = 16;
const CANDIDATES_BESIDE_EXACT = 4;
/** Words a sentence is looked up by: its rarest ones say most about which sentences are near it. */
const RAREST_WORDS = 6;

/**
 * The translation memory in one process, indexed for "≤ 50 ms for a 2,000-character notice against 10,000
 * segments": an exact map on the normalised sentence, and an inverted index of words that picks the few
 * sentences sharing most words (its six rarest words; words in most sentences, such as "di", are skipped once
 * two rarer ones have spoken) before the edit distance, the only costly step, is computed on those alone.
 */
export class MemoryIndex {
  private slots: Array<Slot | undefined> = [];
  private readonly byAnnouncement = new Map<string, number[]>();
  private readonly exact = new Map<string, number[]>();
  private readonly postings = new Map<string, number[]>();
  private shared = new Uint16Array(0);
  private live = 0;

  get size(): number {
    return this.live;
  }

  /** Replaces everything the memory holds from one notice (nothing, when its translations are no longer approved). */
  replace(announcementId: string, units: readonly MemoryUnit[]): void {
    for (const index of this.byAnnouncement.get(announcementId) ?? []) {
      if (this.slots[index]) this.live -= 1;
      this.slots[index] = undefined;
    }
    this.byAnnouncement.delete(announcementId);
    if (this.slots.length > 2 * this.live + 1000) this.compact();
    for (const unit of units) this.add(unit);
  }

  lookup(text: string, sourceLanguage: string, lang: string, options: LookupOptions): MemoryMatch[] {
    const key = normalizeSegment(text);
    if (!key) return [];
    const scope = `${sourceLanguage}\u0000${lang}\u0000`;
    const matches = new Map<number, number>();
    // Replaced units stay in the lists as empty slots until the next compaction.
    for (const index of this.exact.get(scope + key) ?? []) if (this.slots[index]) matches.set(index, 1);
    for (const index of this.candidates(scope, key, options.min, matches.size > 0 ? CANDIDATES_BESIDE_EXACT : CANDIDATES)) {
      if (matches.has(index)) continue;
      const score = similarity(key, this.slots[index]!.key);
      if (score >= options.min) matches.set(index, score);
    }
    const found = [...matches]
      .map(([index, score]) => ({ unit: this.slots[index]!.unit, score }))
      .filter((match) => match.unit.announcementId !== options.excludeAnnouncement)
      .sort((a, b) => b.score - a.score || b.unit.approvedAt.getTime() - a.unit.approvedAt.getTime());
    const seen = new Set<string>();
    return found.filter((match) => !seen.has(match.unit.target) && seen.add(match.unit.target)).slice(0, options.limit ?? 3);
  }

  private add(unit: MemoryUnit): void {
    const key = normalizeSegment(unit.source);
    if (!key || !unit.target.trim()) return;
    const index = this.slots.push({ unit, key }) - 1;
    this.live += 1;
    const scope = `${unit.sourceLanguage}\u0000${unit.lang}\u0000`;
    push(this.byAnnouncement, unit.announcementId, index);
    push(this.exact, scope + key, index);
    for (const token of tokensOf(key)) push(this.postings, scope + token, index);
  }

  /** Sentences sharing most of the rarest words of `key`, of a length that could still reach `min`. */
  private candidates(scope: string, key: string, min: number, wanted: number): number[] {
    if (this.shared.length < this.slots.length) this.shared = new Uint16Array(Math.max(1024, this.slots.length * 2));
    const lists = tokensOf(key)
      .map((token) => this.postings.get(scope + token) ?? [])
      .filter((list) => list.length > 0)
      .sort((a, b) => a.length - b.length)
      .slice(0, RAREST_WORDS);
    const common = Math.max(64, this.live / 20);
    const shared = this.shared;
    const touched: number[] = [];
    for (let n = 0; n < lists.length; n++) {
      const list = lists[n]!;
      // Sorted rarest first: once a word is in too many sentences, so are the rest.
      if (n >= 2 && list.length > common) break;
      for (let j = 0; j < list.length; j++) {
        const index = list[j]!;
        if (shared[index]!++ === 0) touched.push(index);
      }
    }
    const slack = 1 - min;
    const fits: number[] = [];
    for (const index of touched) {
      const other = this.slots[index]?.key;
      if (other !== undefined && Math.abs(other.length - key.length) <= slack * Math.max(other.length, key.length)) fits.push(index);
    }
    fits.sort((a, b) => shared[b]! - shared[a]!);
    const chosen = fits.slice(0, wanted);
    for (const index of touched) shared[index] = 0;
    return chosen;
  }

  private compact(): void {
    const units = this.slots.filter((slot): slot is Slot => slot !== undefined).map((slot) => slot.unit);
    this.slots = [];
    this.live = 0;
    this.byAnnouncement.clear();
    this.exact.clear();
    this.postings.clear();
    for (const unit of units) this.add(unit);
  }
}

function push(map: Map<string, number[]>, key: string, index: number): void {
  const list = map.get(key);
  if (list) list.push(index);
  else map.set(key, [index]);
}
