import type { Connection, Model } from 'mongoose';
import { responseTimeModel, type ResponseTimeDocument } from './response-time.model.js';

export interface ResponseTime {
  language: string;
  account: string;
  waitedMs: number;
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

  async waitsSince(since: Date, languages?: readonly string[]): Promise<Map<string, number[]>> {
    const rows = await this.times
      .find({ answeredAt: { $gte: since }, ...(languages ? { language: { $in: [...languages] } } : {}) }, { language: 1, waitedMs: 1, _id: 0 })
      .lean<Array<{ language: string; waitedMs: number }>>();
    const byLanguage = new Map<string, number[]>();
    for (const row of rows) {
      const list = byLanguage.get(row.language);
      if (list) list.push(row.waitedMs);
      else byLanguage.set(row.language, [row.waitedMs]);
    }
    return byLanguage;
  }
}
