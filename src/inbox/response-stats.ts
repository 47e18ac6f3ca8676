/** Cecina's benchmark for a town that answers on chat apps: conversations answered in under three hours. */
export const ANSWER_TARGET_MS = 3 * 60 * 60 * 1000;

export interface LanguageResponseStats {
  language: string;
  /** Waits staff ended with an answer in the period. */
  answered: number;
  averageSeconds?: number;
  medianSeconds?: number;
  /** Share of those answers given within `ANSWER_TARGET_MS`, 0 to 1. */
  withinTarget?: number;
  /** Citizens waiting for an answer now, and since when the longest. */
  waiting: number;
  oldestWaitingSince?: Date;
}

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Answered waits summarised; without `waits` only the current waiting is told. */
export function summarise(waits: readonly number[], now: { waiting: number; oldest?: Date }): Omit<LanguageResponseStats, 'language'> {
  const sorted = [...waits].sort((a, b) => a - b);
  const answered = sorted.length;
  return {
    answered,
    ...(answered > 0
      ? {
          averageSeconds: Math.round(sorted.reduce((sum, ms) => sum + ms, 0) / answered / 1000),
          medianSeconds: Math.round(median(sorted) / 1000),
          withinTarget: Math.round((sorted.filter((ms) => ms <= ANSWER_TARGET_MS).length / answered) * 100) / 100,
        }
      : {}),
    waiting: now.waiting,
    ...(now.oldest ? { oldestWaitingSince: now.oldest } : {}),
  };
}
