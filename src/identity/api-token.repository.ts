import { isValidObjectId, Types, type Connection } from 'mongoose';
import { apiTokenModel, type ApiToken, type ApiTokenDocument } from './api-token.model.js';

export interface NewApiTokenRecord {
  userId: string;
  name: string;
  digest: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
}

type StoredApiToken = ApiTokenDocument & { _id: Types.ObjectId };

function toApiToken(doc: StoredApiToken): ApiToken {
  return {
    id: doc._id.toHexString(),
    userId: doc.userId.toHexString(),
    name: doc.name,
    prefix: doc.prefix,
    scopes: [...doc.scopes],
    createdAt: doc.createdAt,
    lastUsedAt: doc.lastUsedAt ?? null,
    revokedAt: doc.revokedAt ?? null,
  };
}

export function createApiTokenRepository(db: Connection) {
  const Tokens = apiTokenModel(db);
  return {
    /** Resolves once the collection's indexes (unique, TTL) exist. */
    async init(): Promise<void> {
      await Tokens.init();
    },

    async create(record: NewApiTokenRecord): Promise<ApiToken> {
      const doc = await Tokens.create({ ...record, userId: new Types.ObjectId(record.userId) });
      return toApiToken(doc.toObject());
    },

    async findLiveByDigest(digest: string): Promise<ApiToken | null> {
      // Every API call with a token reads it: through the driver, a mongoose query's casting cost more than the read.
      const doc = (await Tokens.collection.findOne({ digest, revokedAt: null })) as StoredApiToken | null;
      return doc ? toApiToken(doc) : null;
    },

    async findById(id: string): Promise<ApiToken | null> {
      if (!isValidObjectId(id)) return null;
      const doc = await Tokens.findById(id).lean<StoredApiToken>();
      return doc ? toApiToken(doc) : null;
    },

    /** Newest first; revoked tokens stay listed so their owner can see what was cut off and when. */
    async listOf(userId: string): Promise<ApiToken[]> {
      const docs = await Tokens.find({ userId: new Types.ObjectId(userId) }).sort({ createdAt: -1 }).lean<StoredApiToken[]>();
      return docs.map(toApiToken);
    },

    async revoke(id: string, at: Date): Promise<void> {
      await Tokens.updateOne({ _id: new Types.ObjectId(id), revokedAt: null }, { $set: { revokedAt: at } });
    },

    /** Every live token of a user, revoked for good (a disabled person's tokens must not come back with them). */
    async revokeAllOf(userId: string, at: Date): Promise<number> {
      const result = await Tokens.updateMany({ userId: new Types.ObjectId(userId), revokedAt: null }, { $set: { revokedAt: at } });
      return result.modifiedCount;
    },

    async deleteByName(userId: string, name: string): Promise<void> {
      await Tokens.deleteMany({ userId: new Types.ObjectId(userId), name });
    },

    async touch(id: string, at: Date): Promise<void> {
      await Tokens.updateOne({ _id: new Types.ObjectId(id) }, { $set: { lastUsedAt: at } });
    },
  };
}

export type ApiTokenRepository = ReturnType<typeof createApiTokenRepository>;
