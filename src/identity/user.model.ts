import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { ROLES, type Role } from './principal.js';

/** A staff member as the rest of Sportello sees it: never carries the password hash. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Languages a mediator works in (BCP 47, e.g. `zh-Hans`); empty for other roles. */
  languages: string[];
  disabled: boolean;
  /** Receives Sportello's e-mail alerts (citizens waiting, accounts needing an admin); on unless turned off. */
  emailAlerts: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const userSchema = new Schema(
  {
    email: { type: String, required: true, lowercase: true, trim: true },
    name: { type: String, required: true, trim: true },
    role: { type: String, required: true, enum: ROLES },
    languages: { type: [String], default: [] },
    disabled: { type: Boolean, default: false },
    /** Absent on accounts made before alerts existed: read as on. */
    emailAlerts: { type: Boolean, default: true },
    passwordHash: { type: String, required: true },
  },
  { collection: 'users', timestamps: true, strict: 'throw' },
);
userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ role: 1, disabled: 1 });

export type UserDocument = InferSchemaType<typeof userSchema>;

export function userModel(db: Connection): Model<UserDocument> {
  return (db.models.User as Model<UserDocument> | undefined) ?? db.model<UserDocument>('User', userSchema);
}
