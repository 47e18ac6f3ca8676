import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../platform/http/auth-guard.js';
import { parseParams, parseQuery } from '../platform/http/validate.js';
import { DELIVERY_STATES, type Delivery, type DeliveryState } from './delivery.js';
import type { DeliveryReports } from './delivery-reports.repository.js';
import type { FanOutService } from './fan-out.service.js';
import type { FanOutEstimate } from './fan-out-estimate.js';

const AnnouncementParams = z.strictObject({ id: z.string().min(1).max(64) });
const ListQuery = z.strictObject({
  state: z.enum(DELIVERY_STATES).optional(),
  language: z.string().max(35).optional(),
  channel: z.enum(['wechat', 'whatsapp']).optional(),
  version: z.coerce.number().int().positive().optional(),
  after: z.string().regex(/^[0-9a-f]{24}$/, 'is not a delivery id').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** A citizen's chat id is their phone number on WhatsApp, and WhatsApp's message ids contain it: staff see neither. */
function present(d: Delivery) {
  const group = d.targetKind === 'group';
  return {
    id: d.id,
    announcementId: d.announcementId,
    version: d.announcementVersion,
    target: d.targetKey,
    kind: d.targetKind,
    account: d.account,
    ...(group ? { chatId: d.chatId } : {}),
    channel: d.channel,
    language: d.language,
    fallback: d.fallback,
    priority: d.priority,
    state: d.state,
    attempts: d.attempts,
    interruptions: d.interruptions,
    parts: d.parts.length,
    partsSent: d.partsSent,
    ...(group ? { messageIds: d.messageIds } : {}),
    ...(d.reason ? { reason: d.reason } : {}),
    ...(d.notBefore ? { notBefore: d.notBefore.toISOString() } : {}),
    ...(d.sentAt ? { sentAt: d.sentAt.toISOString() } : {}),
    ...(d.platformReport ? { platformReport: { ...d.platformReport, at: d.platformReport.at.toISOString() } } : {}),
    updatedAt: d.updatedAt.toISOString(),
  };
}

/** `/api/v1/announcements/:id/deliveries`: where each message of an announcement is, for staff. */
export function createDeliveriesRoutes(deps: { deliveries: DeliveryReports; fanOut: FanOutService; estimate: FanOutEstimate }): Router {
  const router = Router({ mergeParams: true });
  const readers = requireRole(['viewer', 'editor', 'mediator'], 'deliveries:read');

  router.get('/:id/deliveries', readers, async (req, res) => {
    const { id } = parseParams(AnnouncementParams, req);
    const { limit, after, ...filter } = parseQuery(ListQuery, req);
    const items = await deps.deliveries.list({ announcementId: id, ...filter }, { limit, ...(after ? { after } : {}) });
    const last = items[items.length - 1];
    res.json({ items: items.map(present), ...(items.length === limit && last ? { next: last.id } : {}) });
  });

  router.get('/:id/deliveries/summary', readers, async (req, res) => {
    const { id } = parseParams(AnnouncementParams, req);
    const breakdown = await deps.deliveries.countByStateLanguageChannel(id);
    const byState = Object.fromEntries(DELIVERY_STATES.map((s) => [s, 0])) as Record<DeliveryState, number>;
    for (const row of breakdown) byState[row.state] += row.count;
    res.json({ announcementId: id, total: breakdown.reduce((sum, row) => sum + row.count, 0), byState, breakdown });
  });

  // While it sends: per account, what went, what is left, and when the last should go.
  router.get('/:id/deliveries/estimate', readers, async (req, res) => {
    const { id } = parseParams(AnnouncementParams, req);
    res.json({ announcementId: id, items: await deps.estimate.whileSending(id) });
  });

  router.post('/:id/deliveries/retry', requireRole(['editor'], 'deliveries:write'), async (req, res) => {
    const { id } = parseParams(AnnouncementParams, req);
    const requeued = await deps.fanOut.retryFailed(id);
    res.status(202).json({ requeued: requeued.length, items: requeued.map(present) });
  });

  return router;
}
