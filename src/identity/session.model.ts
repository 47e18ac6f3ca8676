import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/** A server-side sign-in. `_id` is the digest of the cookie value, so a dump of this collection signs nobody in. */
const sessionSchema = new Schema(
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

export type SessionDocument = InferSchemaType<typeof sessionSchema>;

export function sessionModel(db: Connection): Model<SessionDocument> {
  return (db.models.Session as Model<SessionDocument> | undefined) ?? db.model<SessionDocument>('Session', sessionSchema);
}
