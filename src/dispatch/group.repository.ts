import type { Connection, Model, Types } from 'mongoose';
import { groupModel, type GroupDocument } from './group.model.js';
import { groupTargetKey, type Group, type GroupInput } from './group.js';
import type { Target, TargetSource } from './target.js';
import { isObjectId } from '../platform/db/object-id.js';
import { isDuplicateKey } from '../platform/db/duplicate-key.js';

const PAGE = 500;

type StoredGroup = GroupDocument & { _id: unknown };

function toGroup(doc: StoredGroup): Group {
  return {
    id: String(doc._id),
    account: doc.account,
    chatId: doc.chatId,
    name: doc.name,
    language: doc.language,
    topics: [...doc.topics],
    enabled: doc.enabled,
    ...(doc.quietHours?.from && doc.quietHours.to ? { quietHours: { from: doc.quietHours.from, to: doc.quietHours.to } } : {}),
  };
}


/** Community groups, and the groups as targets of planning. */
export class GroupRepository implements TargetSource {
  private readonly groups: Model<GroupDocument>;

  constructor(db: Connection) {
    this.groups = groupModel(db);
  }

  async init(): Promise<void> {
    await this.groups.createIndexes();
  }

  /** Undefined when the chat of that account is already registered. */
  async create(input: GroupInput): Promise<Group | undefined> {
    try {
      const doc = await this.groups.create(input);
      return toGroup(doc.toObject() as StoredGroup);
    } catch (error) {
      if (isDuplicateKey(error)) return undefined;
      throw error;
    }
  }

  /**
   * Registers many groups in one bulk write; the chats of an account already registered (before or by a concurrent
   * writer) are skipped. Returns the groups this call registered.
   */
  async createMany(inputs: readonly GroupInput[]): Promise<Group[]> {
    if (inputs.length === 0) return [];
    const docs = inputs.map((input) => new this.groups(input));
    try {
      await this.groups.insertMany(docs, { ordered: false });
      return docs.map((doc) => toGroup(doc.toObject() as StoredGroup));
    } catch (error) {
      // Mongoose copies the driver's write errors into plain objects that hold the error as `err`.
      const writeErrors = (error as { writeErrors?: Array<{ err?: unknown }> }).writeErrors;
      if (!writeErrors?.every((e) => isDuplicateKey(e.err ?? e))) throw error;
      const stored = await this.groups.find({ _id: { $in: docs.map((doc) => doc._id) } }).sort({ _id: 1 }).lean<StoredGroup[]>();
      return stored.map(toGroup);
    }
  }

  async get(id: string): Promise<Group | undefined> {
    if (!isObjectId(id)) return undefined;
    const doc = await this.groups.findById(id).lean<StoredGroup>();
    return doc ? toGroup(doc) : undefined;
  }

  /** By account and name; `after` is the id of the last group of the previous page (none left when it is gone). */
  async list(filter: { account?: string; language?: string }, page: { limit: number; after?: string }): Promise<Group[]> {
    let cursor: Record<string, unknown> = {};
    if (page.after) {
      const last = isObjectId(page.after) ? await this.groups.findById(page.after, { account: 1, name: 1 }).lean<StoredGroup>() : null;
      if (!last) return [];
      cursor = {
        $or: [
          { account: { $gt: last.account } },
          { account: last.account, name: { $gt: last.name } },
          { account: last.account, name: last.name, _id: { $gt: last._id } },
        ],
      };
    }
    const docs = await this.groups.find({ ...filter, ...cursor }).sort({ account: 1, name: 1, _id: 1 }).limit(page.limit).lean<StoredGroup[]>();
    return docs.map(toGroup);
  }

  /** The community language of a registered group chat; undefined when the chat is not a registered group. */
  /** Per language, the enabled groups an announcement with these topics would go to (the same match as `matching`). */
  async reach(topics: readonly string[]): Promise<Array<{ language: string; groups: number }>> {
    const rows = await this.groups.aggregate<{ _id: string; groups: number }>([
      { $match: { enabled: true, $or: [{ topics: { $size: 0 } }, { topics: { $in: [...topics] } }] } },
      { $group: { _id: '$language', groups: { $sum: 1 } } },
    ]);
    return rows.map((r) => ({ language: r._id, groups: r.groups })).sort((a, b) => a.language.localeCompare(b.language));
  }

  async languageOf(account: string, chatId: string): Promise<string | undefined> {
    const doc = await this.groups.findOne({ chatId, account }, { language: 1 }).lean<{ language: string }>();
    return doc?.language;
  }

  async chatIdsOf(account: string): Promise<Set<string>> {
    const docs = await this.groups.find({ account }, { chatId: 1 }).lean<Array<{ chatId: string }>>();
    return new Set(docs.map((d) => d.chatId));
  }

  async replace(id: string, input: GroupInput): Promise<Group | undefined> {
    if (!isObjectId(id)) return undefined;
    const update = input.quietHours ? { $set: input } : { $set: input, $unset: { quietHours: 1 } };
    const doc = await this.groups.findByIdAndUpdate(id, update, { new: true }).lean<StoredGroup>();
    return doc ? toGroup(doc) : undefined;
  }

  async remove(id: string): Promise<boolean> {
    if (!isObjectId(id)) return false;
    return (await this.groups.deleteOne({ _id: id })).deletedCount === 1;
  }

  /**
   * A group with no topics is a general community group: it receives every announcement. Only the fields a
   * target needs are read, through the driver (these pages are the whole fan-out's groups).
   */
  async *matching(topics: readonly string[]): AsyncIterable<Target[]> {
    const filter = { enabled: true, $or: [{ topics: { $size: 0 } }, { topics: { $in: [...topics] } }] };
    const projection = { account: 1, chatId: 1, language: 1, quietHours: 1 };
    let after: Types.ObjectId | undefined;
    for (;;) {
      const page = await this.groups.collection
        .find(after === undefined ? filter : { ...filter, _id: { $gt: after } }, { projection })
        .sort({ _id: 1 })
        .limit(PAGE)
        .toArray();
      if (page.length === 0) return;
      after = page[page.length - 1]?._id as Types.ObjectId | undefined;
      yield page.map((doc) => {
        const group = doc as unknown as Pick<GroupDocument, 'account' | 'chatId' | 'language' | 'quietHours'>;
        return {
          key: groupTargetKey(group),
          kind: 'group' as const,
          account: group.account,
          chatId: group.chatId,
          language: group.language,
          ...(group.quietHours?.from && group.quietHours.to ? { quietHours: { from: group.quietHours.from, to: group.quietHours.to } } : {}),
        };
      });
      if (page.length < PAGE) return;
    }
  }
}
