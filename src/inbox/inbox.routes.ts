import { Router } from 'express';
import { requireRole } from '../platform/http/auth-guard.js';
import { principalOf } from '../identity/index.js';
import { parseBody, parseParams, parseQuery } from '../platform/http/validate.js';
import { presentContact, presentConversation, presentConversationRow, presentConversationView, presentNote, presentOutbound, presentResponseStats } from './inbox.presenter.js';
import { AssignBody, IdParams, ListQuery, OutboundParams, RouteBody, StatsQuery, SubscriptionBody, TextBody } from './inbox.schemas.js';
import type { InboxService } from './conversations/inbox.service.js';
import type { PrivacyService } from './privacy/privacy.service.js';
import type { SubscriptionService } from './subscriptions/subscription.service.js';

/**
 * `/api/v1/inbox`: every staff role reads (mediators only their languages, see `inbox-access.ts`), admins and
 * mediators work conversations, only admins export or erase a contact.
 */
export function createInboxRoutes(deps: { inbox: InboxService; privacy: PrivacyService; subscriptions: SubscriptionService; savedReplies: Router; messageTranslation: Router; messageTranslationOn: boolean }): Router {
  const router = Router();
  router.use('/saved-replies', deps.savedReplies);
  router.use(deps.messageTranslation);
  const readers = requireRole(['viewer', 'editor', 'mediator'], 'inbox:read');
  const workers = requireRole(['mediator'], 'inbox:write');
  const admins = requireRole([], 'inbox:privacy');
  const { inbox, privacy, subscriptions } = deps;

  router.get('/conversations', readers, async (req, res) => {
    const { limit, after, ...filter } = parseQuery(ListQuery, req);
    const rows = await inbox.listRows(principalOf(req), filter, { limit, ...(after ? { after } : {}) });
    const last = rows[rows.length - 1]?.conversation;
    res.json({ items: rows.map(presentConversationRow), ...(rows.length === limit && last ? { next: last.id } : {}) });
  });

  router.get('/stats', readers, async (req, res) => {
    const { days } = parseQuery(StatsQuery, req);
    res.json(presentResponseStats(await inbox.responseStats(principalOf(req), days), days));
  });

  router.get('/conversations/:id', readers, async (req, res) => {
    // `machineTranslation`: whether the console may offer an Italian draft of the citizen's messages.
    res.json({ ...presentConversationView(await inbox.get(principalOf(req), parseParams(IdParams, req).id)), machineTranslation: deps.messageTranslationOn });
  });

  router.post('/conversations/:id/assign', workers, async (req, res) => {
    const { assigneeId } = parseBody(AssignBody, req);
    res.json(presentConversation(await inbox.assign(principalOf(req), parseParams(IdParams, req).id, assigneeId)));
  });

  router.post('/conversations/:id/notes', workers, async (req, res) => {
    const { text } = parseBody(TextBody, req);
    res.status(201).json(presentNote(await inbox.addNote(principalOf(req), parseParams(IdParams, req).id, text)));
  });

  router.post('/conversations/:id/replies', workers, async (req, res) => {
    const { text } = parseBody(TextBody, req);
    res.status(202).json(presentOutbound(await inbox.reply(principalOf(req), parseParams(IdParams, req).id, text)));
  });

  router.post('/conversations/:id/outbound/:outboundId/retry', workers, async (req, res) => {
    const { id, outboundId } = parseParams(OutboundParams, req);
    res.status(202).json(presentOutbound(await inbox.retry(principalOf(req), id, outboundId)));
  });

  router.post('/conversations/:id/close', workers, async (req, res) => {
    res.json(presentConversation(await inbox.close(principalOf(req), parseParams(IdParams, req).id)));
  });

  router.post('/conversations/:id/reopen', workers, async (req, res) => {
    res.json(presentConversation(await inbox.reopen(principalOf(req), parseParams(IdParams, req).id)));
  });

  router.post('/conversations/:id/language', workers, async (req, res) => {
    const { language } = parseBody(RouteBody, req);
    res.json(presentConversation(await inbox.route(principalOf(req), parseParams(IdParams, req).id, language)));
  });

  // The citizen asked in their own words for the notices in their chat (or to stop them): staff do it for them.
  router.put('/conversations/:id/subscription', workers, async (req, res) => {
    const { id } = parseParams(IdParams, req);
    const { topics } = parseBody(SubscriptionBody, req);
    res.json(presentContact(await subscriptions.subscribe(principalOf(req), id, [...new Set(topics)])));
  });

  router.delete('/conversations/:id/subscription', workers, async (req, res) => {
    res.json(presentContact(await subscriptions.unsubscribe(principalOf(req), parseParams(IdParams, req).id)));
  });

  router.get('/contacts/:id/export', admins, async (req, res) => {
    const exported = await privacy.export(principalOf(req), parseParams(IdParams, req).id);
    res.setHeader('content-disposition', `attachment; filename="contact-${exported.contact.id}.json"`);
    res.json(exported);
  });

  router.delete('/contacts/:id', admins, async (req, res) => {
    await privacy.erase(principalOf(req), parseParams(IdParams, req).id);
    res.status(204).end();
  });

  return router;
}
