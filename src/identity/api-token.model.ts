import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/** What an integration sees of its API token: the secret itself is shown once, at creation, and never stored. */
export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  /** The first characters of the token, so people can tell their tokens apart. */
  prefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const apiTokenSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    digest: { type: String, required: true },
    prefix: { type: String, required: true },
    scopes: { type: [String], required: true },
    createdAt: { type: Date, required: true },
    lastUsedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
  },
  { collection: 'api_tokens', strict: 'throw', versionKey: false },
);
apiTokenSchema.index({ digest: 1 }, { unique: true });
apiTokenSchema.index({ userId: 1, createdAt: -1 });

export type ApiTokenDocument = InferSchemaType<typeof apiTokenSchema>;

export function apiTokenModel(db: Connection): Model<ApiTokenDocument> {
  return (db.models.ApiToken as Model<ApiTokenDocument> | undefined) ?? db.model<ApiTokenDocument>('ApiToken', apiTokenSchema);
}
