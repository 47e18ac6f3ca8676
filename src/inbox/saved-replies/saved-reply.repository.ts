import { isValidObjectId, type Connection, type Model, type Types } from 'mongoose';
import { SavedReplyExists } from './saved-replies.errors.js';
import type { SavedReply, SavedReplyInput } from './saved-reply.js';
import { savedReplyModel, type SavedReplyDocument } from './saved-reply.model.js';
import { isDuplicateKey } from '../../platform/db/duplicate-key.js';

type StoredSavedReply = SavedReplyDocument & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };

function toSavedReply(doc: StoredSavedReply): SavedReply {
  return {
    id: String(doc._id),
    language: doc.language,
    title: doc.title,
    text: doc.text,
    createdBy: doc.createdBy,
    createdAt: doc.createdAt,
    updatedBy: doc.updatedBy,
    updatedAt: doc.updatedAt,
  };
}

const titleKey = (title: string): string => title.toLocaleLowerCase('it');

export class SavedReplyRepository {
  private readonly replies: Model<SavedReplyDocument>;

  constructor(db: Connection) {
    this.replies = savedReplyModel(db);
  }

  async init(): Promise<void> {
    await this.replies.createIndexes();
  }

  /** Ordered as staff look for them: by language, then title. */
  async list(languages: readonly string[] | 'all'): Promise<SavedReply[]> {
    const filter = languages === 'all' ? {} : { language: { $in: [...languages] } };
    return (await this.replies.find(filter).sort({ language: 1, titleKey: 1 }).lean<StoredSavedReply[]>()).map(toSavedReply);
  }

  async get(id: string): Promise<SavedReply | undefined> {
    if (!isValidObjectId(id)) return undefined;
    const doc = await this.replies.findById(id).lean<StoredSavedReply>();
    return doc ? toSavedReply(doc) : undefined;
  }

  async create(input: SavedReplyInput, by: string): Promise<SavedReply> {
    try {
      const doc = await this.replies.create({ ...input, titleKey: titleKey(input.title), createdBy: by, updatedBy: by });
      return toSavedReply(doc.toObject() as StoredSavedReply);
    } catch (error) {
      if (isDuplicateKey(error)) throw new SavedReplyExists(input.language);
      throw error;
    }
  }

  async replace(id: string, input: SavedReplyInput, by: string): Promise<SavedReply | undefined> {
    try {
      const doc = await this.replies
        .findByIdAndUpdate(id, { $set: { ...input, titleKey: titleKey(input.title), updatedBy: by } }, { new: true })
        .lean<StoredSavedReply>();
      return doc ? toSavedReply(doc) : undefined;
    } catch (error) {
      if (isDuplicateKey(error)) throw new SavedReplyExists(input.language);
      throw error;
    }
  }

  async remove(id: string): Promise<boolean> {
    return (await this.replies.deleteOne({ _id: id })).deletedCount === 1;
  }
}
