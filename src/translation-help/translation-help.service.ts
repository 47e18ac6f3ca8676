import { MachineDraftNotReviewed, type Actor, type Announcement, type AnnouncementsService, type ApprovalWarning, type TranslationSegment } from '../announcements/index.js';
import { InvalidInput } from '../platform/errors.js';
import type { GlossaryService } from './glossary.service.js';
import { termsUsedIn } from './glossary-check.js';
import type { HelpRecordRepository, LanguageHelp } from './help-record.repository.js';
import type { MachineDraft, MachineDraftRepository } from './machine-draft.repository.js';
import { normalizeSegment, type MemoryMatch } from './memory-index.js';
import { savedSentences } from './saved-sentences.js';
import { classifySegment, helpShares, type Candidate } from './segment-provenance.js';
import { composeNotice, segmentNotice, type Segment } from './segmenter.js';
import type { TranslationMemory } from './translation-memory.js';
import type { Translator } from './translator.port.js';
import { NoTranslatorConfigured } from './translator.errors.js';
import { NothingToTranslate } from './translation-help.errors.js';

export interface MemorySuggestion {
  text: string;
  score: number;
  announcementId: string;
  noticeTitle: string;
  approvedAt: Date;
}

/** One source sentence and everything the form offers for it. */
export interface SegmentSuggestions {
  key: string;
  line: number;
  source: string;
  memory: MemorySuggestion[];
  /** The last machine draft's sentence, when it was made for this very source sentence. */
  machine: { text: string; engine: string } | null;
  /** As saved, when the text was saved sentence by sentence (or could be split back into sentences). */
  saved: { text: string; origin: TranslationSegment['origin'] | 'written'; confirmed: boolean } | null;
  /** What the form starts with: the saved text, else the best memory suggestion, else the machine draft. */
  prefill: { text: string; from: 'saved' | 'memory' | 'machine'; score?: number } | null;
}

export interface Suggestions {
  announcementId: string;
  version: number;
  sourceLanguage: string;
  lang: string;
  sourceRevision: number;
  translator: string | null;
  fuzzyMin: number;
  segments: SegmentSuggestions[];
  glossary: { terms: Array<{ term: string; rendering: string; note?: string }>; warnings: ApprovalWarning[] };
}

export interface SegmentInput {
  key: string;
  text: string;
  confirmed?: boolean | undefined;
}

export interface TranslationHelpDeps {
  announcements: AnnouncementsService;
  memory: TranslationMemory;
  glossary: GlossaryService;
  drafts: MachineDraftRepository;
  records: HelpRecordRepository;
  translator: Translator | undefined;
  fuzzyMin: number;
}

interface Prepared {
  announcement: Announcement;
  source: { title: string; body: string };
  segments: Segment[];
}

const presentMatch = (match: MemoryMatch): MemorySuggestion => ({
  text: match.unit.target,
  score: Math.round(match.score * 1000) / 1000,
  announcementId: match.unit.announcementId,
  noticeTitle: match.unit.noticeTitle,
  approvedAt: match.unit.approvedAt,
});

/**
 * Translation help for one language of one notice: suggestions sentence by sentence (memory, machine draft,
 * glossary), saving a text sentence by sentence with where each came from, and what helped, per language.
 */
export class TranslationHelpService {
  constructor(private readonly deps: TranslationHelpDeps) {}

  async suggestions(actor: Actor, id: string, lang: string): Promise<Suggestions> {
    const prepared = await this.prepare(actor, id, lang);
    return this.suggest(prepared, lang);
  }

  /** Asks the configured engine for a draft of every sentence; the draft is stored for comparison and shown, never saved as the text. */
  async machineDraft(actor: Actor, id: string, lang: string): Promise<Suggestions> {
    const prepared = await this.prepare(actor, id, lang);
    const translator = this.deps.translator;
    if (!translator) throw new NoTranslatorConfigured();
    const { announcement, segments } = prepared;
    const texts = await translator.translate(segments.map((s) => s.text), announcement.sourceLanguage, lang);
    await this.deps.drafts.save({
      announcementId: announcement.id,
      lang,
      sourceRevision: announcement.sourceRevision,
      engine: translator.engine,
      segments: segments.map((segment, i) => ({ key: segment.key, source: segment.text, text: texts[i] ?? '' })),
      createdAt: new Date(),
    });
    return this.suggest(prepared, lang);
  }

  /** Saves `lang`'s text from its sentences, each classified against what was offered for it. */
  async saveSegments(actor: Actor, id: string, lang: string, input: SegmentInput[], expectedVersion?: number): Promise<Announcement> {
    const { announcement, source, segments } = await this.prepare(actor, id, lang);
    const byKey = new Map(segments.map((s) => [s.key, s]));
    const problems = input.flatMap((s, i) => (byKey.has(s.key) ? [] : [{ field: `segments.${i}.key`, message: `is not a sentence of the current source text (${segments.length} sentences: t, b0.0, …)` }]));
    const seen = new Set<string>();
    input.forEach((s, i) => (seen.has(s.key) ? problems.push({ field: `segments.${i}.key`, message: 'is given twice' }) : seen.add(s.key)));
    if (problems.length > 0) throw new InvalidInput(problems);
    const composed = composeNotice(source.body, input, lang);
    if (!composed.title) throw new InvalidInput([{ field: 'segments.t', message: 'the title needs a translation' }]);
    if (!composed.body) throw new InvalidInput([{ field: 'segments', message: 'the body needs at least one translated sentence' }]);
    const draft = await this.currentDraft(announcement, lang);
    const matches = await this.deps.memory.lookupAll(input.map((s) => byKey.get(s.key)!.text), announcement.sourceLanguage, lang, this.lookupOptions(announcement));
    const classified = input
      .filter((s) => s.text.trim())
      .map((s) => {
        const segment = byKey.get(s.key)!;
        const candidates: Candidate[] = matches[input.indexOf(s)]!.map((m) => ({ origin: 'memory' as const, text: m.unit.target }));
        const machine = draft?.segments.find((d) => d.key === s.key && d.source === segment.text);
        if (machine) candidates.push({ origin: 'machine', text: machine.text });
        return classifySegment({ key: s.key, source: segment.text, text: s.text, confirmed: s.confirmed }, candidates);
      });
    return this.deps.announcements.translate(id, lang, composed, actor, expectedVersion, classified);
  }

  /**
   * The glossary warnings `lang`'s text would get if approved as it is written now (sentence by sentence, not
   * saved): the console asks while the mediator types, so its hint and the approval's check are the same one.
   */
  async glossaryWarnings(actor: Actor, id: string, lang: string, input: ReadonlyArray<{ key: string; text: string }>): Promise<ApprovalWarning[]> {
    const { source } = await this.prepare(actor, id, lang);
    return this.deps.glossary.warningsFor(composeNotice(source.body, input, lang), source, lang);
  }

  /** Announcements' `onApproved`: what helped write the approved text, kept per approval. */
  async recordApproval(announcement: Announcement, lang: string): Promise<void> {
    const translation = announcement.translations.find((t) => t.lang === lang);
    if (!translation || translation.status !== 'approved') return;
    await this.deps.records.record({ announcementId: announcement.id, lang, approvedAt: translation.approvedAt ?? announcement.updatedAt, chars: helpShares(translation) });
  }

  /**
   * The approval check for a text written whole (not sentence by sentence): a sentence of the machine draft found
   * in it as the machine wrote it counts as unreviewed, as it would in the sentence-by-sentence form, so pasting
   * the draft into the plain text box does not get round the review.
   */
  async refusePastedDraft(announcement: Announcement, lang: string): Promise<ApprovalWarning[]> {
    const written = announcement.translations.find((t) => t.lang === lang);
    if (!written || written.segments || written.title === undefined || written.body === undefined) return [];
    const draft = await this.currentDraft(announcement, lang);
    const text = normalizeSegment(`${written.title}\n${written.body}`);
    const pasted = (draft?.segments ?? []).filter((s) => normalizeSegment(s.text).length > 1 && text.includes(normalizeSegment(s.text))).map((s) => s.key);
    if (pasted.length > 0) throw new MachineDraftNotReviewed(lang, pasted);
    return [];
  }

  byLanguage(): Promise<LanguageHelp[]> {
    return this.deps.records.byLanguage();
  }

  private async prepare(actor: Actor, id: string, lang: string): Promise<Prepared> {
    const announcement = await this.deps.announcements.get(id);
    if (lang === announcement.sourceLanguage) throw new NothingToTranslate(lang);
    this.deps.announcements.assertMayTranslate(actor, lang);
    const sourceText = announcement.translations.find((t) => t.lang === announcement.sourceLanguage);
    const source = { title: sourceText?.title ?? '', body: sourceText?.body ?? '' };
    return { announcement, source, segments: segmentNotice(source, announcement.sourceLanguage) };
  }

  private lookupOptions(announcement: Announcement) {
    return { min: this.deps.fuzzyMin, excludeAnnouncement: announcement.id };
  }

  /** The machine draft, if it was made for the source as it is now. */
  private async currentDraft(announcement: Announcement, lang: string): Promise<MachineDraft | undefined> {
    const draft = await this.deps.drafts.find(announcement.id, lang);
    return draft?.sourceRevision === announcement.sourceRevision ? draft : undefined;
  }

  private async suggest({ announcement, source, segments }: Prepared, lang: string): Promise<Suggestions> {
    const [matches, draft, terms] = await Promise.all([
      this.deps.memory.lookupAll(segments.map((s) => s.text), announcement.sourceLanguage, lang, this.lookupOptions(announcement)),
      this.currentDraft(announcement, lang),
      this.deps.glossary.list(lang),
    ]);
    const written = announcement.translations.find((t) => t.lang === lang);
    const saved = savedSentences(announcement, lang, source, segments);
    const items = segments.map((segment, i): SegmentSuggestions => {
      const memory = matches[i]!.map(presentMatch);
      const machineSegment = draft?.segments.find((d) => d.key === segment.key && d.source === segment.text);
      const machine = machineSegment ? { text: machineSegment.text, engine: draft!.engine } : null;
      const mine = saved.get(segment.key) ?? null;
      const best = memory[0];
      const prefill = mine
        ? { text: mine.text, from: 'saved' as const }
        : best
          ? { text: best.text, from: 'memory' as const, score: best.score }
          : machine
            ? { text: machine.text, from: 'machine' as const }
            : null;
      return { key: segment.key, line: segment.line, source: segment.text, memory, machine, saved: mine, prefill };
    });
    const warnings =
      written?.title !== undefined && written.body !== undefined
        ? await this.deps.glossary.warningsFor({ title: written.title, body: written.body }, source, lang)
        : [];
    return {
      announcementId: announcement.id,
      version: announcement.version,
      sourceLanguage: announcement.sourceLanguage,
      lang,
      sourceRevision: announcement.sourceRevision,
      translator: this.deps.translator?.engine ?? null,
      fuzzyMin: this.deps.fuzzyMin,
      segments: items,
      glossary: {
        terms: termsUsedIn(`${source.title}\n${source.body}`, terms).map((t) => ({ term: t.term, rendering: t.rendering, ...(t.note ? { note: t.note } : {}) })),
        warnings,
      },
    };
  }
}
