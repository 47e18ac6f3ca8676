import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

const groupSchema = new Schema(
  {
    account: { type: String, required: true },
    chatId: { type: String, required: true },
    name: { type: String, required: true },
    language: { type: String, required: true },
    /** Empty: a general community group that receives every topic. */
    topics: { type: [String], default: [] },
    enabled: { type: Boolean, default: true },
    quietHours: { type: new Schema({ from: String, to: String }, { _id: false }), required: false },
  },
  { collection: 'groups', timestamps: true },
);
groupSchema.index({ account: 1, chatId: 1 }, { unique: true });

export type GroupDocument = InferSchemaType<typeof groupSchema>;

export function groupModel(db: Connection): Model<GroupDocument> {
  return (db.models.Group as Model<GroupDocument> | undefined) ?? db.model<GroupDocument>('Group', groupSchema);
}
