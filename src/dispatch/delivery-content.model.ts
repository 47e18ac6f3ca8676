import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * The rendered message parts of one (announcement, version, language, channel, fallback), written once and
 * referenced by every delivery that sends them (`contentId`): 20,000 deliveries of one notice carry 10 texts,
 * not 20,000 copies. The id is a digest of the key and the parts, so a content never changes once written.
 */
const deliveryContentSchema = new Schema(
  {
    _id: { type: String, required: true },
    announcementId: { type: String, required: true },
    announcementVersion: { type: Number, required: true },
    language: { type: String, required: true },
    channel: { type: String, required: true, enum: ['wechat', 'whatsapp'] },
    fallback: { type: Boolean, required: true },
    parts: { type: [String], required: true },
  },
  { collection: 'delivery_contents', versionKey: false },
);
deliveryContentSchema.index({ announcementId: 1, announcementVersion: 1 });

export type DeliveryContentDocument = InferSchemaType<typeof deliveryContentSchema>;

export function deliveryContentModel(db: Connection): Model<DeliveryContentDocument> {
  return (db.models.DeliveryContent as Model<DeliveryContentDocument> | undefined) ?? db.model<DeliveryContentDocument>('DeliveryContent', deliveryContentSchema);
}
