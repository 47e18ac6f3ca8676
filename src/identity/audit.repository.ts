import { Types, type Connection } from 'mongoose';
import { auditEventModel, type AuditEvent, type AuditEventDocument } from './audit-event.model.js';

export interface AuditQuery {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  /** Id of the last event of the previous page: the list goes back in time. */
  before?: string;
  limit: number;
}

function toAuditEvent(doc: AuditEventDocument): AuditEvent {
  return { id: doc._id.toHexString(), at: doc.at, actor: doc.actor, action: doc.action, target: doc.target, details: doc.details };
}

export function createAuditRepository(db: Connection) {
  const Events = auditEventModel(db);
  return {
    /** Resolves once the collection's indexes (unique, TTL) exist. */
    async init(): Promise<void> {
      await Events.init();
    },

    async insert(event: Omit<AuditEvent, 'id'>): Promise<AuditEvent> {
      const doc = await Events.create(event);
      return toAuditEvent(doc.toObject());
    },

    async list(query: AuditQuery): Promise<AuditEvent[]> {
      const filter: Record<string, unknown> = {};
      if (query.action) filter.action = query.action;
      if (query.actorId) filter['actor.id'] = query.actorId;
      if (query.targetType) filter['target.type'] = query.targetType;
      if (query.targetId) filter['target.id'] = query.targetId;
      if (query.before) filter._id = { $lt: new Types.ObjectId(query.before) };
      const docs = await Events.find(filter).sort({ _id: -1 }).limit(query.limit).lean<AuditEventDocument[]>();
      return docs.map(toAuditEvent);
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
