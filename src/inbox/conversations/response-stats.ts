export interface LanguageResponseStats {
  language: string;
  /** Waits staff ended with an answer in the period. */
  answered: number;
  averageSeconds?: number;
  medianSeconds?: number;
  /** Share of those answers given within the town's target (`ANSWER_TARGET_HOURS`), 0 to 1. */
  withinTarget?: number;
  /** Citizens waiting for an answer now, and since when the longest. */
  waiting: number;
  oldestWaitingSince?: Date;
}

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Answered waits summarised against the target; without `waits` only the current waiting is told. */
export function summarise(waits: readonly number[], now: { waiting: number; oldest?: Date }, targetMs: number): Omit<LanguageResponseStats, 'language'> {
  const sorted = [...waits].sort((a, b) => a - b);
  const answered = sorted.length;
  return {
    answered,
    ...(answered > 0
      ? {
          averageSeconds: Math.round(sorted.reduce((sum, ms) => sum + ms, 0) / answered / 1000),
          medianSeconds: Math.round(median(sorted) / 1000),
          withinTarget: Math.round((sorted.filter((ms) => ms <= targetMs).length / answered) * 100) / 100,
        }
      : {}),
    waiting: now.waiting,
    ...(now.oldest ? { oldestWaitingSince: now.oldest } : {}),
  };
}
