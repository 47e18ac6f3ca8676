import type { Connection, Model } from 'mongoose';
import { responseTimeModel, type ResponseTimeDocument } from './response-time.model.js';

export interface ResponseTime {
  language: string;
  account: string;
  waitedMs: number;
  /** Only the office's open hours of the wait, when the town configured them. */
  officeWaitedMs?: number;
  answeredAt: Date;
}

/** The answered waits of each language since a date, oldest first (a town answers hundreds a month, not millions). */
export class ResponseTimeRepository {
  private readonly times: Model<ResponseTimeDocument>;

  constructor(db: Connection) {
    this.times = responseTimeModel(db);
  }

  async init(): Promise<void> {
    await this.times.createIndexes();
  }

  async record(time: ResponseTime): Promise<void> {
    await this.times.collection.insertOne({ ...time });
  }

  /**
   * The waits answered since a date, per language: in office hours (`office`) or on the clock. A wait recorded
   * before the town configured its hours counts as it was measured then, on the clock.
   */
  async waitsSince(since: Date, languages: readonly string[] | undefined, measure: 'office' | 'clock'): Promise<Map<string, number[]>> {
    const rows = await this.times
      .find({ answeredAt: { $gte: since }, ...(languages ? { language: { $in: [...languages] } } : {}) }, { language: 1, waitedMs: 1, officeWaitedMs: 1, _id: 0 })
      .lean<Array<{ language: string; waitedMs: number; officeWaitedMs?: number }>>();
    const byLanguage = new Map<string, number[]>();
    for (const row of rows) {
      const wait = measure === 'office' ? (row.officeWaitedMs ?? row.waitedMs) : row.waitedMs;
      const list = byLanguage.get(row.language);
      if (list) list.push(wait);
      else byLanguage.set(row.language, [wait]);
    }
    return byLanguage;
  }
}
