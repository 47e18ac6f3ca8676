import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { DELIVERY_STATES } from './delivery.js';

const deliverySchema = new Schema(
  {
    announcementId: { type: String, required: true },
    announcementVersion: { type: Number, required: true },
    targetKey: { type: String, required: true },
    targetKind: { type: String, required: true, enum: ['group', 'citizen'] },
    account: { type: String, required: true },
    chatId: { type: String, required: true },
    channel: { type: String, required: true, enum: ['wechat', 'whatsapp'] },
    language: { type: String, required: true },
    fallback: { type: Boolean, default: false },
    priority: { type: String, required: true, enum: ['normal', 'urgent'] },
    /** Its rendered parts, in `delivery_contents`; absent while `waiting_translation`. */
    contentId: { type: String, required: false },
    /** Deliveries written before `delivery_contents` carried their parts themselves; read, never written. */
    parts: { type: [String], default: undefined, required: false },
    state: { type: String, required: true, enum: DELIVERY_STATES },
    attempts: { type: Number, default: 0 },
    partsSent: { type: Number, default: 0 },
    messageIds: { type: [String], default: [] },
    interruptions: { type: Number, default: 0 },
    reason: { type: String, required: false },
    notBefore: { type: Date, required: false },
    scheduledAt: { type: Date, required: false },
    validUntil: { type: Date, required: false },
    /** The target's quiet hours when planned: a delivery postponed into the night waits for the morning. */
    quietHours: { type: new Schema({ from: String, to: String }, { _id: false }), required: false },
    plannedAt: { type: Date, required: true },
    sentAt: { type: Date, required: false },
    expireAt: { type: Date, required: false },
    platformReport: {
      // `errors` is a name mongoose reserves.
      type: new Schema({ status: String, total: Number, sent: Number, errorCount: Number, at: Date }, { _id: false }),
      required: false,
    },
  },
  { collection: 'deliveries', timestamps: { createdAt: false, updatedAt: true } },
);
// The planning key: a retried or repeated planning step can never create a second delivery for a target.
// The most selective field leads, and the indexes are declared most selective first: the embedded engine
// narrows by the first field of the first index that the filter constrains.
deliverySchema.index({ targetKey: 1, announcementId: 1, announcementVersion: 1 }, { unique: true });
deliverySchema.index({ state: 1, announcementId: 1 });
deliverySchema.index({ announcementId: 1, state: 1 });
// Only deliveries into citizens' chats carry `expireAt`: sparse, so the groups' deliveries add no index entry.
deliverySchema.index({ expireAt: 1 }, { expireAfterSeconds: 0, sparse: true });

export type DeliveryDocument = InferSchemaType<typeof deliverySchema>;

export function deliveryModel(db: Connection): Model<DeliveryDocument> {
  return (db.models.Delivery as Model<DeliveryDocument> | undefined) ?? db.model<DeliveryDocument>('Delivery', deliverySchema);
}
