import { openMsBetween, type OpeningHours } from '../../platform/opening-hours.js';
import type { Conversation } from '../inbox.types.js';
import type { CorrectionCounts, LanguageCorrectionRepository } from '../intake/language-correction.repository.js';
import type { ConversationRepository } from './conversation.repository.js';
import { summarise, type LanguageResponseStats } from './response-stats.js';
import type { ResponseTimeRepository } from './response-time.repository.js';

export interface ResponseStats {
  since: Date;
  targetMs: number;
  /** `office_hours`: a wait counts only while the office is open (a question on Friday evening waits from Monday). */
  measuredIn: 'office_hours' | 'clock';
  /** By language code: a mediator's languages, and any other with answers or waiting citizens. */
  languages: Array<LanguageResponseStats & { corrections: CorrectionCounts }>;
  overall: Omit<LanguageResponseStats, 'language'> & { corrections: number };
}

export interface AnswerWaitsDeps {
  conversations: ConversationRepository;
  responseTimes: ResponseTimeRepository;
  corrections: LanguageCorrectionRepository;
  /** ANSWER_TARGET_HOURS: the statistics tell the share of answers given within it. */
  answerTargetMs: number;
  /** INBOX_OPENING_HOURS: waits are also measured in the hours the office is open, and the statistics use those. */
  openingHours?: OpeningHours;
  /** Told every answered wait, for the metrics. */
  onAnswered?: (language: string, waitedMs: number) => void;
  clock: () => Date;
}

/** How long citizens wait for staff's answers: each wait recorded when it ends, and the statistics over them. */
export class AnswerWaits {
  constructor(private readonly deps: AnswerWaitsDeps) {}

  /**
   * How long citizens waited for an answer over the last `days`, and who waits now, per language the caller
   * reads. A wait starts at a citizen's question nobody has answered yet and ends at staff's first answer to it.
   */
  async stats(readable: readonly string[] | 'all', days: number): Promise<ResponseStats> {
    const languages = readable === 'all' ? undefined : readable;
    const since = new Date(this.deps.clock().getTime() - days * 24 * 60 * 60 * 1000);
    const measure = this.deps.openingHours ? 'office' : 'clock';
    const [waits, waiting, corrections] = await Promise.all([
      this.deps.responseTimes.waitsSince(since, languages, measure),
      this.deps.conversations.waiting(languages),
      this.deps.corrections.countsSince(since),
    ]);
    const now = new Map(waiting.map((w) => [w.language, w]));
    // A mediator sees each of their languages, if only to read that nobody waits.
    const codes = [...new Set([...(languages ?? []), ...waits.keys(), ...now.keys(), ...[...corrections.keys()].filter((l) => !languages || languages.includes(l))])].sort();
    const oldest = waiting.map((w) => w.oldest).sort((a, b) => a.getTime() - b.getTime())[0];
    const target = this.deps.answerTargetMs;
    return {
      since,
      targetMs: target,
      measuredIn: measure === 'office' ? 'office_hours' : 'clock',
      languages: codes.map((language) => ({
        language,
        ...summarise(waits.get(language) ?? [], { waiting: now.get(language)?.waiting ?? 0, ...(now.has(language) ? { oldest: now.get(language)!.oldest } : {}) }, target),
        corrections: corrections.get(language) ?? { from: 0, to: 0 },
      })),
      overall: {
        ...summarise([...waits.values()].flat(), { waiting: waiting.reduce((sum, w) => sum + w.waiting, 0), ...(oldest ? { oldest } : {}) }, target),
        corrections: [...corrections.values()].reduce((sum, c) => sum + c.from, 0),
      },
    };
  }

  /**
   * The first answer since the citizen's question: its wait is recorded (no person in it, see the model). The wait
   * is ended first, so two answers at once record it once; a crash in between loses one figure, not an answer.
   */
  async answered(conversation: Conversation, now: Date): Promise<void> {
    const since = await this.deps.conversations.endWait(conversation.id, now);
    if (!since) return;
    const waitedMs = Math.max(0, now.getTime() - since.getTime());
    const hours = this.deps.openingHours;
    await this.deps.responseTimes.record({
      language: conversation.language,
      account: conversation.account,
      waitedMs,
      ...(hours ? { officeWaitedMs: openMsBetween(since, now, hours) } : {}),
      answeredAt: now,
    });
    this.deps.onAnswered?.(conversation.language, waitedMs);
  }
}
