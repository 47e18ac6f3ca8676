import { Types, type Connection } from 'mongoose';
import { auditEventModel, type AuditEvent, type AuditEventDocument, type AuditTarget } from './audit-event.model.js';

export interface AuditQuery {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  /** Id of the last event of the previous page: the list goes back in time. */
  before?: string;
  limit: number;
}

type StoredAuditEvent = AuditEventDocument & { _id: Types.ObjectId };

function toAuditEvent(doc: StoredAuditEvent): AuditEvent {
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

    /** Every event whose target is one of `targets`, oldest first. */
    async referencing(targets: readonly AuditTarget[]): Promise<AuditEvent[]> {
      if (targets.length === 0) return [];
      const docs = await Events.find({ $or: targets.map((t) => ({ 'target.type': t.type, 'target.id': t.id })) }).sort({ _id: 1 }).lean<StoredAuditEvent[]>();
      return docs.map(toAuditEvent);
    },

    /** Replaces the id of each of `targets` by `pseudonym` wherever it is an event's target. */
    async pseudonymiseTargets(targets: readonly AuditTarget[], pseudonym: string): Promise<number> {
      let changed = 0;
      for (const target of targets) {
        changed += (await Events.updateMany({ 'target.type': target.type, 'target.id': target.id }, { $set: { 'target.id': pseudonym } })).modifiedCount;
      }
      return changed;
    },

    async list(query: AuditQuery): Promise<AuditEvent[]> {
      const filter: Record<string, unknown> = {};
      if (query.action) filter.action = query.action;
      if (query.actorId) filter['actor.id'] = query.actorId;
      if (query.targetType) filter['target.type'] = query.targetType;
      if (query.targetId) filter['target.id'] = query.targetId;
      if (query.before) filter._id = { $lt: new Types.ObjectId(query.before) };
      const docs = await Events.find(filter).sort({ _id: -1 }).limit(query.limit).lean<StoredAuditEvent[]>();
      return docs.map(toAuditEvent);
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
