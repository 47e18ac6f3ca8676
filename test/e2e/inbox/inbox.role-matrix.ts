import { randomBytes } from 'node:crypto';
import { ROLES } from '../../../src/identity/index.js';
import { call } from '../../support/http.js';
import { onlyRoles, type MatrixContext, type RoleMatrixRow } from '../../support/role-matrix.js';
import type { RouteScopes } from '../../support/role-matrix.js';

const ARABIC = 'مرحبا، كيف أجدد تصريح الإقامة؟';
const CHINESE = '你好，我想续签居留许可';

/**
 * A fresh conversation per caller: a new citizen (a random sender) writes to the demo direct chat, so one caller's
 * close or erase never changes what the next one finds. Its language is detected from the text (a group's registered
 * language would win over it, and the dispatch rows register the demo groups as Arabic).
 */
function freshConversation(text = ARABIC) {
  return async (ctx: MatrixContext): Promise<Record<string, string>> => {
    const senderId = `39${randomBytes(5).readUIntBE(0, 5)}@c.us`;
    await call(ctx.stack, 'POST', '/api/v1/simulator/sim-whatsapp/inbound', {
      headers: ctx.admin.headers,
      body: { chatId: '393330000001@c.us', senderId, senderName: 'Citizen', text },
    });
    const listed = await call(ctx.stack, 'GET', '/api/v1/inbox/conversations?limit=200', { headers: ctx.admin.headers });
    const items = listed.body.items as Array<{ id: string; contactId: string }>;
    const newest = items[items.length - 1]!;
    return { id: newest.id, contactId: newest.contactId };
  };
}

/** The contact (`:id`) of a fresh conversation. */
const freshContact = async (ctx: MatrixContext): Promise<Record<string, string>> => ({ id: (await freshConversation()(ctx)).contactId! });

const work = (ok: number) => onlyRoles(['mediator'], ok);

/** A fresh conversation and its acknowledgement, which is not failed: the callers allowed to retry get 409. */
async function freshAcknowledgement(ctx: MatrixContext): Promise<Record<string, string>> {
  const { id } = await freshConversation()(ctx);
  const detail = await call(ctx.stack, 'GET', `/api/v1/inbox/conversations/${id!}`, { headers: ctx.admin.headers });
  return { id: id!, outboundId: String(detail.body.outbound[0].id) };
}

/** A fresh conversation and its citizen's message. */
async function freshMessage(ctx: MatrixContext): Promise<Record<string, string>> {
  const { id } = await freshConversation()(ctx);
  const detail = await call(ctx.stack, 'GET', `/api/v1/inbox/conversations/${id!}`, { headers: ctx.admin.headers });
  return { id: id!, messageId: String(detail.body.messages[0].id) };
}

/** A saved reply in `language` made by the admin for this caller, with a title of its own. */
function freshSavedReply(language = 'ar') {
  return async (ctx: MatrixContext): Promise<Record<string, string>> => {
    const created = await call(ctx.stack, 'POST', '/api/v1/inbox/saved-replies', {
      headers: ctx.admin.headers,
      body: { language, title: `Risposta ${randomBytes(4).toString('hex')}`, text: language === 'ar' ? 'مرحبا' : '你好' },
    });
    return { id: String(created.body.id) };
  };
}
const savedReplyBody = (language = 'ar') => () => ({ language, title: `Risposta ${randomBytes(4).toString('hex')}`, text: 'مرحبا' });

/** Every staff role reads the inbox (mediators their languages only); admins and mediators work it; admins export and erase. */
export const inboxRows: RoleMatrixRow[] = [
  { method: 'GET', path: '/api/v1/inbox/conversations', expect: onlyRoles(ROLES, 200) },
  { method: 'GET', path: '/api/v1/inbox/stats', expect: onlyRoles(ROLES, 200) },
  { method: 'GET', path: '/api/v1/inbox/conversations/:id', params: freshConversation(), expect: onlyRoles(ROLES, 200) },
  { method: 'GET', path: '/api/v1/inbox/conversations/:id', params: freshConversation(CHINESE), expect: { ...onlyRoles(ROLES, 200), mediator: 403 } },
  { method: 'POST', path: '/api/v1/inbox/conversations/:id/assign', params: freshConversation(), body: () => ({}), expect: work(200) },
  { method: 'POST', path: '/api/v1/inbox/conversations/:id/notes', params: freshConversation(), body: () => ({ text: 'nota' }), expect: work(201) },
  { method: 'POST', path: '/api/v1/inbox/conversations/:id/replies', params: freshConversation(), body: () => ({ text: 'risposta' }), expect: work(202) },
  { method: 'POST', path: '/api/v1/inbox/conversations/:id/replies', params: freshConversation(CHINESE), body: () => ({ text: 'risposta' }), expect: { ...work(202), mediator: 403 } },
  { method: 'POST', path: '/api/v1/inbox/conversations/:id/outbound/:outboundId/retry', params: freshAcknowledgement, expect: work(409) },
  { method: 'POST', path: '/api/v1/inbox/conversations/:id/close', params: freshConversation(), expect: work(200) },
  { method: 'POST', path: '/api/v1/inbox/conversations/:id/reopen', params: freshConversation(), expect: work(200) },
  { method: 'POST', path: '/api/v1/inbox/conversations/:id/language', params: freshConversation(), body: () => ({ language: 'ur' }), expect: work(200) },
  // Machine translation of citizens' messages is off in the matrix's stack: those allowed get 503 inbox.translation_off.
  { method: 'POST', path: '/api/v1/inbox/conversations/:id/messages/:messageId/translation', params: freshMessage, expect: work(503) },
  { method: 'GET', path: '/api/v1/inbox/saved-replies', expect: onlyRoles(ROLES, 200) },
  { method: 'GET', path: '/api/v1/inbox/saved-replies?language=zh-Hans', expect: { ...onlyRoles(ROLES, 200), mediator: 403 } },
  { method: 'POST', path: '/api/v1/inbox/saved-replies', body: savedReplyBody(), expect: work(201) },
  { method: 'POST', path: '/api/v1/inbox/saved-replies', body: savedReplyBody('zh-Hans'), expect: { ...work(201), mediator: 403 } },
  { method: 'GET', path: '/api/v1/inbox/saved-replies/:id', params: freshSavedReply(), expect: onlyRoles(ROLES, 200) },
  { method: 'GET', path: '/api/v1/inbox/saved-replies/:id', params: freshSavedReply('zh-Hans'), expect: { ...onlyRoles(ROLES, 200), mediator: 403 } },
  { method: 'PUT', path: '/api/v1/inbox/saved-replies/:id', params: freshSavedReply(), body: savedReplyBody(), expect: work(200) },
  { method: 'DELETE', path: '/api/v1/inbox/saved-replies/:id', params: freshSavedReply(), expect: work(204) },
  { method: 'DELETE', path: '/api/v1/inbox/saved-replies/:id', params: freshSavedReply('zh-Hans'), expect: { ...work(204), mediator: 403 } },
  { method: 'PUT', path: '/api/v1/inbox/conversations/:id/subscription', params: freshConversation(), expect: work(200) },
  { method: 'PUT', path: '/api/v1/inbox/conversations/:id/subscription', params: freshConversation(CHINESE), expect: { ...work(200), mediator: 403 } },
  { method: 'DELETE', path: '/api/v1/inbox/conversations/:id/subscription', params: freshConversation(), expect: work(200) },
  { method: 'GET', path: '/api/v1/inbox/contacts/:id/export', params: freshContact, expect: onlyRoles([], 200) },
  { method: 'DELETE', path: '/api/v1/inbox/contacts/:id', params: freshContact, expect: onlyRoles([], 204) },
];

/** The scope a token needs on each route. */
export const inboxScopes: RouteScopes = {
  'GET /api/v1/inbox/conversations': 'inbox:read',
  'GET /api/v1/inbox/stats': 'inbox:read',
  'GET /api/v1/inbox/conversations/:id': 'inbox:read',
  'POST /api/v1/inbox/conversations/:id/assign': 'inbox:write',
  'POST /api/v1/inbox/conversations/:id/notes': 'inbox:write',
  'POST /api/v1/inbox/conversations/:id/replies': 'inbox:write',
  'POST /api/v1/inbox/conversations/:id/outbound/:outboundId/retry': 'inbox:write',
  'POST /api/v1/inbox/conversations/:id/close': 'inbox:write',
  'POST /api/v1/inbox/conversations/:id/reopen': 'inbox:write',
  'POST /api/v1/inbox/conversations/:id/language': 'inbox:write',
  'POST /api/v1/inbox/conversations/:id/messages/:messageId/translation': 'inbox:write',
  'GET /api/v1/inbox/saved-replies': 'inbox:read',
  'POST /api/v1/inbox/saved-replies': 'inbox:write',
  'GET /api/v1/inbox/saved-replies/:id': 'inbox:read',
  'PUT /api/v1/inbox/saved-replies/:id': 'inbox:write',
  'DELETE /api/v1/inbox/saved-replies/:id': 'inbox:write',
  'PUT /api/v1/inbox/conversations/:id/subscription': 'inbox:write',
  'DELETE /api/v1/inbox/conversations/:id/subscription': 'inbox:write',
  'GET /api/v1/inbox/contacts/:id/export': 'inbox:privacy',
  'DELETE /api/v1/inbox/contacts/:id': 'inbox:privacy',
};
