import { isValidObjectId, Types, type Connection } from 'mongoose';
import type { Role } from './principal.js';
import { EmailTaken } from './identity.errors.js';
import { userModel, type User, type UserDocument } from './user.model.js';
import { isDuplicateKey } from '../platform/db/duplicate-key.js';

export interface NewUserRecord {
  email: string;
  name: string;
  role: Role;
  languages: string[];
  emailAlerts: boolean;
  passwordHash: string;
}

export type UserChanges = Partial<Pick<UserDocument, 'name' | 'role' | 'languages' | 'disabled' | 'emailAlerts' | 'passwordHash'>>;

type StoredUser = UserDocument & { _id: Types.ObjectId };

function toUser(doc: StoredUser): User {
  return {
    id: doc._id.toHexString(),
    email: doc.email,
    name: doc.name,
    role: doc.role,
    languages: [...doc.languages],
    disabled: doc.disabled,
    emailAlerts: doc.emailAlerts ?? true,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

export function createUserRepository(db: Connection) {
  const Users = userModel(db);
  return {
    /** Resolves once the collection's indexes (unique, TTL) exist. */
    async init(): Promise<void> {
      await Users.init();
    },

    async create(record: NewUserRecord): Promise<User> {
      try {
        const doc = await Users.create(record);
        return toUser(doc.toObject());
      } catch (error) {
        if (isDuplicateKey(error)) throw new EmailTaken();
        throw error;
      }
    },

    async findById(id: string): Promise<User | null> {
      if (!isValidObjectId(id)) return null;
      // Every authenticated API call reads its user (a disabled user is stopped at once): through the driver, as
      // the token's read (api-token.repository.ts).
      const doc = (await Users.collection.findOne({ _id: new Types.ObjectId(id) })) as StoredUser | null;
      return doc ? toUser(doc) : null;
    },

    async findByEmail(email: string): Promise<User | null> {
      const doc = await Users.findOne({ email: email.toLowerCase() }).lean<StoredUser>();
      return doc ? toUser(doc) : null;
    },

    /** The only read that returns the password hash: for the sign-in check and nothing else. */
    async findCredentials(email: string): Promise<{ user: User; passwordHash: string } | null> {
      const doc = await Users.findOne({ email: email.toLowerCase() }).lean<StoredUser>();
      return doc ? { user: toUser(doc), passwordHash: doc.passwordHash } : null;
    },

    /** Ordered by creation, `after` is the id of the last user of the previous page. */
    async list(filter: { role?: Role; limit: number; after?: string }): Promise<User[]> {
      const query: Record<string, unknown> = {};
      if (filter.role) query.role = filter.role;
      if (filter.after) query._id = { $gt: new Types.ObjectId(filter.after) };
      const docs = await Users.find(query).sort({ _id: 1 }).limit(filter.limit).lean<StoredUser[]>();
      return docs.map(toUser);
    },

    async update(id: string, changes: UserChanges): Promise<User | null> {
      if (!isValidObjectId(id)) return null;
      const doc = await Users.findByIdAndUpdate(id, { $set: changes }, { new: true }).lean<StoredUser>();
      return doc ? toUser(doc) : null;
    },

    /** Enabled accounts with one of these roles that receive e-mail alerts (staff are tens of people: no paging). */
    async listAlertable(roles: readonly Role[]): Promise<User[]> {
      const docs = await Users.find({ role: { $in: [...roles] }, disabled: false, emailAlerts: { $ne: false } }).sort({ _id: 1 }).lean<StoredUser[]>();
      return docs.map(toUser);
    },

    async hasActiveAdmin(): Promise<boolean> {
      return (await Users.exists({ role: 'admin', disabled: false })) !== null;
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
