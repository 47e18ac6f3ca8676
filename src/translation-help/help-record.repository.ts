import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import type { SegmentOrigin } from '../announcements/index.js';

export type Shares = Record<SegmentOrigin, number>;

/** What helped write one approved translation, in characters of its final text. */
export interface HelpRecord {
  announcementId: string;
  lang: string;
  approvedAt: Date;
  chars: Shares;
}

export interface LanguageHelp {
  lang: string;
  translations: number;
  chars: Shares;
}

const shares = { memory: { type: Number, required: true }, machine: { type: Number, required: true }, typed: { type: Number, required: true } };
const helpRecordSchema = new Schema(
  {
    announcementId: { type: String, required: true },
    lang: { type: String, required: true },
    approvedAt: { type: Date, required: true },
    chars: shares,
  },
  { collection: 'translation_help_records', versionKey: false },
);
// One record per approval: a listener that runs twice for one approval (a retried request) records it once.
helpRecordSchema.index({ announcementId: 1, lang: 1, approvedAt: 1 }, { unique: true });

type HelpRecordDocument = InferSchemaType<typeof helpRecordSchema>;

export class HelpRecordRepository {
  private readonly records: Model<HelpRecordDocument>;

  constructor(db: Connection) {
    this.records = (db.models.TranslationHelpRecord as Model<HelpRecordDocument> | undefined) ?? db.model<HelpRecordDocument>('TranslationHelpRecord', helpRecordSchema);
  }

  async init(): Promise<void> {
    await this.records.createIndexes();
  }

  async record(record: HelpRecord): Promise<void> {
    await this.records.updateOne({ announcementId: record.announcementId, lang: record.lang, approvedAt: record.approvedAt }, { $setOnInsert: record }, { upsert: true });
  }

  /** Per language: approved translations and the characters each kind of help gave, summed. */
  async byLanguage(): Promise<LanguageHelp[]> {
    const rows = await this.records.aggregate<{ _id: string; translations: number; memory: number; machine: number; typed: number }>([
      { $group: { _id: '$lang', translations: { $sum: 1 }, memory: { $sum: '$chars.memory' }, machine: { $sum: '$chars.machine' }, typed: { $sum: '$chars.typed' } } },
      { $sort: { _id: 1 } },
    ]);
    return rows.map((row) => ({ lang: row._id, translations: row.translations, chars: { memory: row.memory, machine: row.machine, typed: row.typed } }));
  }
}
