import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/** The last machine draft asked for one language of one notice: what translation help compares the saved text with. */
export interface MachineDraft {
  announcementId: string;
  lang: string;
  sourceRevision: number;
  engine: string;
  segments: Array<{ key: string; source: string; text: string }>;
  createdAt: Date;
}

const machineDraftSchema = new Schema(
  {
    announcementId: { type: String, required: true },
    lang: { type: String, required: true },
    sourceRevision: { type: Number, required: true },
    engine: { type: String, required: true },
    segments: { type: [new Schema({ key: { type: String, required: true }, source: { type: String, required: true }, text: { type: String, required: true } }, { _id: false })], default: [] },
    createdAt: { type: Date, required: true },
  },
  { collection: 'translation_machine_drafts', versionKey: false },
);
machineDraftSchema.index({ announcementId: 1, lang: 1 }, { unique: true });

type MachineDraftDocument = InferSchemaType<typeof machineDraftSchema>;

export class MachineDraftRepository {
  private readonly drafts: Model<MachineDraftDocument>;

  constructor(db: Connection) {
    this.drafts = (db.models.TranslationMachineDraft as Model<MachineDraftDocument> | undefined) ?? db.model<MachineDraftDocument>('TranslationMachineDraft', machineDraftSchema);
  }

  async init(): Promise<void> {
    await this.drafts.createIndexes();
  }

  /** One draft per notice and language: a new one replaces the last. */
  async save(draft: MachineDraft): Promise<void> {
    await this.drafts.replaceOne({ announcementId: draft.announcementId, lang: draft.lang }, draft, { upsert: true });
  }

  async find(announcementId: string, lang: string): Promise<MachineDraft | undefined> {
    const doc = await this.drafts.findOne({ announcementId, lang }, { _id: 0 }).lean<MachineDraft>();
    return doc ?? undefined;
  }
}
