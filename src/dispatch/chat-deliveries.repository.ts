import type { Connection, Model } from 'mongoose';
import { deliveryModel, type DeliveryDocument } from './delivery.model.js';
import type { Delivery } from './delivery.js';
import type { DeliveryContents } from './delivery-contents.repository.js';
import { toDelivery, type StoredDelivery } from './stored-delivery.js';

/** Every delivery into one chat: a citizen's data export and erasure (deliveries name chats, not people). */
export class ChatDeliveries {
  private readonly deliveries: Model<DeliveryDocument>;

  constructor(
    db: Connection,
    private readonly contents: DeliveryContents,
  ) {
    this.deliveries = deliveryModel(db);
  }

  async toChat(account: string, chatId: string): Promise<Delivery[]> {
    const docs = await this.deliveries.find({ chatId, account }).sort({ _id: 1 }).lean<StoredDelivery[]>();
    return this.contents.mapWithParts(docs, toDelivery);
  }

  async removeToChat(account: string, chatId: string): Promise<number> {
    return (await this.deliveries.deleteMany({ chatId, account })).deletedCount;
  }
}
