import type { Announcement } from '../announcements/index.js';
import { MemoryIndex, type LookupOptions, type MemoryMatch, type MemoryUnit } from './memory-index.js';
import { alignNotice } from './segment-alignment.js';

/**
 * What a notice gives the memory: the aligned sentences of each translation approved for the source as it
 * is now. A translation approved for an earlier source text (the notice was corrected since: it is back in
 * review) gives nothing, so a stale sentence is never offered.
 */
export function memoryUnitsOf(announcement: Announcement): MemoryUnit[] {
  const source = announcement.translations.find((t) => t.lang === announcement.sourceLanguage);
  if (source?.title === undefined || source.body === undefined) return [];
  const units: MemoryUnit[] = [];
  for (const translation of announcement.translations) {
    if (translation.lang === announcement.sourceLanguage || translation.status !== 'approved') continue;
    if (translation.sourceRevision !== announcement.sourceRevision || translation.title === undefined || translation.body === undefined) continue;
    const approvedAt = translation.approvedAt ?? announcement.updatedAt;
    for (const pair of alignNotice({ title: source.title, body: source.body }, announcement.sourceLanguage, { title: translation.title, body: translation.body }, translation.lang)) {
      units.push({ ...pair, sourceLanguage: announcement.sourceLanguage, lang: translation.lang, announcementId: announcement.id, noticeTitle: source.title, approvedAt });
    }
  }
  return units;
}

export interface ChangedNotices {
  changedSince(since: Date, limit: number): Promise<Announcement[]>;
}

const PAGE = 500;

/**
 * The memory of one process, kept from the notices themselves: before each look-up it reads the notices
 * changed since its last look (an indexed query that returns nothing most of the time), so approvals and
 * corrections made by any process count at once, and there is no second copy of the texts to keep in step.
 */
export class TranslationMemory {
  private readonly index = new MemoryIndex();
  private syncedTo = new Date(0);
  private syncing: Promise<void> | undefined;

  constructor(private readonly notices: ChangedNotices) {}

  get size(): number {
    return this.index.size;
  }

  /** Catches up with every change; concurrent callers share one catch-up. */
  sync(): Promise<void> {
    this.syncing ??= this.catchUp().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  async lookup(text: string, sourceLanguage: string, lang: string, options: LookupOptions): Promise<MemoryMatch[]> {
    await this.sync();
    return this.index.lookup(text, sourceLanguage, lang, options);
  }

  /** Looks up many sentences after one catch-up. */
  async lookupAll(texts: readonly string[], sourceLanguage: string, lang: string, options: LookupOptions): Promise<MemoryMatch[][]> {
    await this.sync();
    return texts.map((text) => this.index.lookup(text, sourceLanguage, lang, options));
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const changed = await this.notices.changedSince(this.syncedTo, PAGE);
      for (const announcement of changed) this.index.replace(announcement.id, memoryUnitsOf(announcement));
      const last = changed.at(-1)?.updatedAt;
      // `$gte`: the notices of the last instant are read again next time, so one changed in that same
      // millisecond is not missed; a full page of one instant would loop, so it stops there.
      if (changed.length < PAGE || !last || last.getTime() === this.syncedTo.getTime()) {
        if (last) this.syncedTo = last;
        return;
      }
      this.syncedTo = last;
    }
  }
}
