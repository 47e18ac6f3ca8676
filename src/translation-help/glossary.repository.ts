import { isValidObjectId, type Connection, type Model, type Types } from 'mongoose';
import { isDuplicateKey } from '../platform/db/duplicate-key.js';
import type { GlossaryTerm, GlossaryTermInput } from './glossary-term.js';
import { glossaryTermModel, type GlossaryTermDocument } from './glossary-term.model.js';
import { GlossaryTermExists } from './translation-help.errors.js';

type StoredTerm = GlossaryTermDocument & { _id: Types.ObjectId; updatedAt: Date };

function toTerm(doc: StoredTerm): GlossaryTerm {
  return {
    id: String(doc._id),
    lang: doc.lang,
    term: doc.term,
    rendering: doc.rendering,
    ...(doc.note ? { note: doc.note } : {}),
    createdBy: doc.createdBy,
    updatedBy: doc.updatedBy,
    updatedAt: doc.updatedAt,
  };
}

export const termKey = (term: string): string => term.normalize('NFC').toLocaleLowerCase('it').replace(/\s+/g, ' ').trim();

export class GlossaryRepository {
  private readonly terms: Model<GlossaryTermDocument>;

  constructor(db: Connection) {
    this.terms = glossaryTermModel(db);
  }

  async init(): Promise<void> {
    await this.terms.createIndexes();
  }

  /** By language, then term. */
  async list(languages: readonly string[] | 'all'): Promise<GlossaryTerm[]> {
    const filter = languages === 'all' ? {} : { lang: { $in: [...languages] } };
    return (await this.terms.find(filter).sort({ lang: 1, termKey: 1 }).lean<StoredTerm[]>()).map(toTerm);
  }

  async get(id: string): Promise<GlossaryTerm | undefined> {
    if (!isValidObjectId(id)) return undefined;
    const doc = await this.terms.findById(id).lean<StoredTerm>();
    return doc ? toTerm(doc) : undefined;
  }

  async create(lang: string, input: GlossaryTermInput, by: string): Promise<GlossaryTerm> {
    try {
      const doc = await this.terms.create({ lang, ...input, termKey: termKey(input.term), createdBy: by, updatedBy: by });
      return toTerm(doc.toObject() as StoredTerm);
    } catch (error) {
      if (isDuplicateKey(error)) throw new GlossaryTermExists(lang);
      throw error;
    }
  }

  /** Adds the terms a language does not have yet; terms already there (perhaps changed by its mediators) stay. */
  async addMissing(lang: string, inputs: readonly GlossaryTermInput[], by: string): Promise<number> {
    let added = 0;
    for (const input of inputs) {
      const result = await this.terms.updateOne(
        { lang, termKey: termKey(input.term) },
        { $setOnInsert: { lang, ...input, termKey: termKey(input.term), createdBy: by, updatedBy: by } },
        { upsert: true },
      );
      added += result.upsertedCount;
    }
    return added;
  }

  async replace(id: string, input: GlossaryTermInput, by: string): Promise<GlossaryTerm | undefined> {
    const { note, ...rest } = input;
    try {
      const doc = await this.terms
        .findByIdAndUpdate(id, { $set: { ...rest, termKey: termKey(input.term), updatedBy: by, ...(note ? { note } : {}) }, ...(note ? {} : { $unset: { note: 1 } }) }, { new: true })
        .lean<StoredTerm>();
      return doc ? toTerm(doc) : undefined;
    } catch (error) {
      if (isDuplicateKey(error)) throw new GlossaryTermExists((await this.get(id))?.lang ?? '');
      throw error;
    }
  }

  async remove(id: string): Promise<boolean> {
    return (await this.terms.deleteOne({ _id: id })).deletedCount === 1;
  }
}
