import type { Connection, Model } from 'mongoose';
import { languageCorrectionModel, type LanguageCorrectionDocument } from './language-correction.model.js';

export interface CorrectionCounts {
  /** Conversations mediators moved out of this queue. */
  from: number;
  /** Conversations mediators moved into this language. */
  to: number;
}

/** Mediators' corrections of the routing language, counted per queue for the inbox statistics. */
export class LanguageCorrectionRepository {
  private readonly corrections: Model<LanguageCorrectionDocument>;

  constructor(db: Connection) {
    this.corrections = languageCorrectionModel(db);
  }

  async init(): Promise<void> {
    await this.corrections.createIndexes();
  }

  async record(from: string, to: string, at: Date): Promise<void> {
    await this.corrections.collection.insertOne({ from, to, at });
  }

  /** Per language (and `unsure`), corrections out of it and into it since a date. */
  async countsSince(since: Date): Promise<Map<string, CorrectionCounts>> {
    const rows = await this.corrections.find({ at: { $gte: since } }, { from: 1, to: 1, _id: 0 }).lean<Array<{ from: string; to: string }>>();
    const counts = new Map<string, CorrectionCounts>();
    const of = (language: string) => counts.get(language) ?? counts.set(language, { from: 0, to: 0 }).get(language)!;
    for (const row of rows) {
      of(row.from).from += 1;
      of(row.to).to += 1;
    }
    return counts;
  }
}
