import { Types, type Connection } from 'mongoose';
import { sessionModel, type SessionDocument } from './session.model.js';

export interface StoredSession {
  userId: string;
  createdAt: Date;
  expiresAt: Date;
}

export function createSessionRepository(db: Connection) {
  const Sessions = sessionModel(db);
  return {
    /** Resolves once the collection's indexes (unique, TTL) exist. */
    async init(): Promise<void> {
      await Sessions.init();
    },

    async create(digest: string, session: StoredSession): Promise<void> {
      await Sessions.create({ _id: digest, userId: new Types.ObjectId(session.userId), createdAt: session.createdAt, expiresAt: session.expiresAt });
    },

    /** Expired sessions are ignored even before the TTL monitor removes them. */
    async findLive(digest: string, now: Date): Promise<StoredSession | null> {
      const doc = await Sessions.findOne({ _id: digest, expiresAt: { $gt: now } }).lean<SessionDocument>();
      return doc ? { userId: doc.userId.toHexString(), createdAt: doc.createdAt, expiresAt: doc.expiresAt } : null;
    },

    async delete(digest: string): Promise<void> {
      await Sessions.deleteOne({ _id: digest });
    },

    async deleteAllOf(userId: string): Promise<void> {
      await Sessions.deleteMany({ userId: new Types.ObjectId(userId) });
    },

    /** Every session of the user but the one with digest `keep` (the one changing the password). */
    async deleteOthersOf(userId: string, keep: string | undefined): Promise<void> {
      await Sessions.deleteMany({ userId: new Types.ObjectId(userId), ...(keep ? { _id: { $ne: keep } } : {}) });
    },
  };
}

export type SessionRepository = ReturnType<typeof createSessionRepository>;
