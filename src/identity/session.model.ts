import { Schema, type Connection, type Model, type Types } from 'mongoose';

/** A server-side sign-in. `_id` is the digest of the cookie value, so a dump of this collection signs nobody in. */
export interface SessionDocument {
  _id: string;
  userId: Types.ObjectId;
  createdAt: Date;
  expiresAt: Date;
}

const sessionSchema = new Schema<SessionDocument>(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'sessions', strict: 'throw', versionKey: false },
);
// MongoDB's TTL monitor deletes expired sessions within about a minute; lookups also check expiresAt.
sessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
sessionSchema.index({ userId: 1 });

export function sessionModel(db: Connection): Model<SessionDocument> {
  return (db.models.Session as Model<SessionDocument> | undefined) ?? db.model<SessionDocument>('Session', sessionSchema);
}
