import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/** Who did it: a staff member, Sportello itself (bootstrap, scheduled work), or an anonymous caller (failed sign-in). */
export type AuditActor = { type: 'user'; id: string; email: string } | { type: 'system' } | { type: 'anonymous' };

/** What it was done to, e.g. `{ type: 'announcement', id }`. Never a citizen's phone number or chat id. */
export interface AuditTarget {
  type: string;
  id: string;
}

export type AuditDetails = Record<string, string | number | boolean | null | string[]>;

export interface AuditEvent {
  id: string;
  at: Date;
  actor: AuditActor;
  /** `<feature>.<verb>`, e.g. `auth.login`, `user.role_changed`, `announcement.published`. */
  action: string;
  target: AuditTarget | null;
  details: AuditDetails;
}

const auditEventSchema = new Schema(
  {
    at: { type: Date, required: true },
    actor: { type: Schema.Types.Mixed, required: true },
    action: { type: String, required: true },
    target: { type: Schema.Types.Mixed, default: null },
    details: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'audit_events', strict: 'throw', versionKey: false, minimize: false },
);
// Pages go back in time by _id (ObjectIds grow with their creation time).
auditEventSchema.index({ action: 1, _id: -1 });
auditEventSchema.index({ 'target.type': 1, 'target.id': 1 });

/** Mongoose infers `any` for its Mixed paths: they hold what the audit trail writes there. */
export type AuditEventDocument = Omit<InferSchemaType<typeof auditEventSchema>, 'actor' | 'target' | 'details'> & {
  actor: AuditActor;
  target: AuditTarget | null;
  details: AuditDetails;
};

export function auditEventModel(db: Connection): Model<AuditEventDocument> {
  return (db.models.AuditEvent as Model<AuditEventDocument> | undefined) ?? db.model<AuditEventDocument>('AuditEvent', auditEventSchema);
}
