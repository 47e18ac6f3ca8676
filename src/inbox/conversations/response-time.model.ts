import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * How long a citizen waited for staff's answer, one record per answered wait. No conversation, contact or
 * text: anonymous statistics, kept for `RESPONSE_TIMES_KEPT_DAYS` so a year can be compared with the last,
 * and untouched by a citizen's erasure (nothing in them points back to the person).
 */
const responseTimeSchema = new Schema(
  {
    language: { type: String, required: true },
    account: { type: String, required: true },
    waitedMs: { type: Number, required: true },
    /** The part of the wait the office was open (INBOX_OPENING_HOURS); absent when no hours are configured. */
    officeWaitedMs: { type: Number, required: false },
    answeredAt: { type: Date, required: true },
  },
  { collection: 'inbox_response_times', versionKey: false },
);

export const RESPONSE_TIMES_KEPT_DAYS = 400;
responseTimeSchema.index({ answeredAt: 1 }, { expireAfterSeconds: RESPONSE_TIMES_KEPT_DAYS * 24 * 60 * 60 });

export type ResponseTimeDocument = InferSchemaType<typeof responseTimeSchema>;

export function responseTimeModel(db: Connection): Model<ResponseTimeDocument> {
  return (db.models.InboxResponseTime as Model<ResponseTimeDocument> | undefined) ?? db.model<ResponseTimeDocument>('InboxResponseTime', responseTimeSchema);
}
