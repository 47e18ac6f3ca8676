import { randomBytes } from 'node:crypto';
import { call } from '../../support/http.js';
import { onlyRoles, type MatrixContext, type RoleMatrixRow } from '../../support/role-matrix.js';
import { buildAnnouncementInput } from '../../factories/announcement.factory.js';
import { buildGroupInput } from '../../factories/dispatch.factory.js';
import type { RouteScopes } from '../../support/role-matrix.js';

const staff = (ok: number) => onlyRoles(['editor', 'mediator', 'viewer'], ok);
/** A chat on the default simulated WhatsApp account that no other row registers. */
const freshGroupInput = () => buildGroupInput({ account: 'sim-whatsapp', chatId: `${randomBytes(6).toString('hex')}@g.us`, name: 'Matrix group' });

/** A group registered by the admin, fresh for each caller (a delete must find it). */
async function freshGroup(ctx: MatrixContext): Promise<Record<string, string>> {
  const created = await call(ctx.stack, 'POST', '/api/v1/groups', { headers: ctx.admin.headers, body: freshGroupInput() });
  if (created.status !== 201) throw new Error(`group set-up: ${created.status} ${JSON.stringify(created.body)}`);
  return { id: String(created.body.id) };
}

async function freshAnnouncement(ctx: MatrixContext): Promise<Record<string, string>> {
  const created = await call(ctx.stack, 'POST', '/api/v1/announcements', { headers: ctx.admin.headers, body: buildAnnouncementInput() });
  return { id: String(created.body.id) };
}

/** The first queue the dashboard lists, read as the admin. */
async function aQueue(ctx: MatrixContext): Promise<Record<string, string>> {
  const listed = await call(ctx.stack, 'GET', '/admin/queues/api/queues', { headers: ctx.admin.headers });
  return { queueName: String(listed.body.queues[0].name) };
}

/**
 * Groups: every staff member reads the registry, editors change it (they decide which communities a notice
 * reaches). Deliveries: staff read where each message is, editors retry failures. Resuming a paused account
 * and the queue dashboard (which can retry, delete and pause jobs) are for admins only.
 */
export const dispatchRows: RoleMatrixRow[] = [
  { method: 'GET', path: '/api/v1/groups', expect: staff(200) },
  { method: 'GET', path: '/api/v1/groups/reach?topics=permits', expect: staff(200) },
  { method: 'GET', path: '/api/v1/groups/estimate?topics=permits', expect: staff(200) },
  { method: 'POST', path: '/api/v1/groups', body: freshGroupInput, expect: onlyRoles(['editor'], 201) },
  { method: 'POST', path: '/api/v1/groups/import', body: () => ({ account: 'sim-whatsapp', language: 'ar' }), expect: onlyRoles(['editor'], 201) },
  { method: 'GET', path: '/api/v1/groups/:id', params: freshGroup, expect: staff(200) },
  { method: 'PUT', path: '/api/v1/groups/:id', params: freshGroup, body: () => ({ ...freshGroupInput(), enabled: false }), expect: onlyRoles(['editor'], 200) },
  { method: 'DELETE', path: '/api/v1/groups/:id', params: freshGroup, expect: onlyRoles(['editor'], 204) },
  { method: 'GET', path: '/api/v1/announcements/:id/deliveries', params: freshAnnouncement, expect: staff(200) },
  { method: 'GET', path: '/api/v1/announcements/:id/deliveries/summary', params: freshAnnouncement, expect: staff(200) },
  { method: 'GET', path: '/api/v1/announcements/:id/deliveries/estimate', params: freshAnnouncement, expect: staff(200) },
  { method: 'POST', path: '/api/v1/announcements/:id/deliveries/retry', params: freshAnnouncement, expect: onlyRoles(['editor'], 202) },
  { method: 'POST', path: '/api/v1/connectors/:account/resume', params: () => ({ account: 'sim-whatsapp' }), expect: onlyRoles([], 200) },
  { method: 'GET', path: '/admin/queues', expect: onlyRoles([], 200) },
  { method: 'GET', path: '/admin/queues/api/queues', expect: onlyRoles([], 200) },
  { method: 'PUT', path: '/admin/queues/api/queues/:queueName/clean/completed', params: aQueue, expect: onlyRoles([], 200) },
];

/** The scope a token needs on each route. */
export const dispatchScopes: RouteScopes = {
  'GET /api/v1/groups': 'groups:read',
  'GET /api/v1/groups/reach': 'groups:read',
  'GET /api/v1/groups/estimate': 'groups:read',
  'POST /api/v1/groups': 'groups:write',
  'POST /api/v1/groups/import': 'groups:write',
  'GET /api/v1/groups/:id': 'groups:read',
  'PUT /api/v1/groups/:id': 'groups:write',
  'DELETE /api/v1/groups/:id': 'groups:write',
  'GET /api/v1/announcements/:id/deliveries': 'deliveries:read',
  'GET /api/v1/announcements/:id/deliveries/summary': 'deliveries:read',
  'GET /api/v1/announcements/:id/deliveries/estimate': 'deliveries:read',
  'POST /api/v1/announcements/:id/deliveries/retry': 'deliveries:write',
  'POST /api/v1/connectors/:account/resume': 'connectors:admin',
  '* /admin/queues': 'connectors:admin',
};
