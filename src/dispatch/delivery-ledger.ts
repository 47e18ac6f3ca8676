import type { Connection } from 'mongoose';
import { AnnouncementDeliveries } from './announcement-deliveries.repository.js';
import { ChatDeliveries } from './chat-deliveries.repository.js';
import { DeliveryContents } from './delivery-contents.repository.js';
import { DeliveryPlanning } from './delivery-planning.repository.js';
import { DeliveryReports } from './delivery-reports.repository.js';
import { DeliverySending } from './delivery-sending.repository.js';
import { deliveryModel } from './delivery.model.js';
import { PlannedMemory } from './planned-memory.js';

/** Deliveries remembered as planned until claimed (`PlannedMemory`): a town-wide fan-out twice over. */
const PLANNED_MEMORY = 50_000;

/**
 * The deliveries' ledger: one per (announcement version, target), and every state change of each, one
 * repository per job over the same collection. One ledger per process: its repositories share this process's
 * contents cache and its memory of the deliveries it planned, which the claim reads instead of the database.
 */
export class DeliveryLedger {
  readonly planning: DeliveryPlanning;
  readonly sending: DeliverySending;
  readonly announcements: AnnouncementDeliveries;
  readonly reports: DeliveryReports;
  readonly chats: ChatDeliveries;
  private readonly contents: DeliveryContents;

  constructor(private readonly db: Connection) {
    this.contents = new DeliveryContents(db);
    const planned = new PlannedMemory(PLANNED_MEMORY);
    this.planning = new DeliveryPlanning(db, this.contents, planned);
    this.sending = new DeliverySending(db, this.contents, planned);
    this.announcements = new AnnouncementDeliveries(db, this.contents);
    this.reports = new DeliveryReports(db, this.contents);
    this.chats = new ChatDeliveries(db, this.contents);
  }

  async init(): Promise<void> {
    await deliveryModel(this.db).createIndexes();
    await this.contents.init();
  }
}
