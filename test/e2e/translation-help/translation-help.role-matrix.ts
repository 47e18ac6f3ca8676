import { randomBytes } from 'node:crypto';
import { call } from '../../support/http.js';
import { onlyRoles, type MatrixContext, type RoleMatrixRow, type RouteScopes } from '../../support/role-matrix.js';
import { buildAnnouncementInput } from '../../factories/announcement.factory.js';

const staff = (ok: number) => onlyRoles(['editor', 'mediator', 'viewer'], ok);
const translators = (ok: number) => onlyRoles(['editor', 'mediator'], ok);

/** A fresh Italian notice asking for Arabic (the matrix's mediators work in Arabic), created by the admin. */
async function arabicNotice(ctx: MatrixContext): Promise<Record<string, string>> {
  const created = await call(ctx.stack, 'POST', '/api/v1/announcements', { headers: ctx.admin.headers, body: buildAnnouncementInput({ targetLanguages: ['ar'] }) });
  return { id: String(created.body.id), lang: 'ar' };
}

const freshTerm = () => `termine ${randomBytes(4).toString('hex')}`;

/** A fresh Arabic glossary term, added by the admin. */
async function arabicTerm(ctx: MatrixContext): Promise<Record<string, string>> {
  const created = await call(ctx.stack, 'POST', '/api/v1/glossary', { headers: ctx.admin.headers, body: { lang: 'ar', term: freshTerm(), rendering: 'مصطلح' } });
  return { id: String(created.body.id) };
}

export const translationHelpRows: RoleMatrixRow[] = [
  { method: 'GET', path: '/api/v1/announcements/:id/translations/:lang/suggestions', params: arabicNotice, expect: translators(200) },
  // No machine translator is configured in the matrix's stack: those allowed get 503 translation.no_translator.
  { method: 'POST', path: '/api/v1/announcements/:id/translations/:lang/machine-draft', params: arabicNotice, expect: translators(503) },
  {
    method: 'PUT',
    path: '/api/v1/announcements/:id/translations/:lang/segments',
    params: arabicNotice,
    body: () => ({ segments: [{ key: 't', text: 'تجديد تصريح الإقامة' }, { key: 'b0.0', text: 'يجب تجديد تصريح الإقامة قبل 60 يومًا.' }] }),
    expect: translators(200),
  },
  {
    method: 'POST',
    path: '/api/v1/announcements/:id/translations/:lang/glossary-check',
    params: arabicNotice,
    body: () => ({ segments: [{ key: 't', text: 'تجديد تصريح الإقامة' }] }),
    expect: translators(200),
  },
  { method: 'GET', path: '/api/v1/glossary', expect: staff(200) },
  { method: 'POST', path: '/api/v1/glossary', body: () => ({ lang: 'ar', term: freshTerm(), rendering: 'مصطلح' }), expect: onlyRoles(['mediator'], 201) },
  { method: 'PUT', path: '/api/v1/glossary/:id', params: arabicTerm, body: () => ({ term: freshTerm(), rendering: 'مصطلح آخر' }), expect: onlyRoles(['mediator'], 200) },
  { method: 'DELETE', path: '/api/v1/glossary/:id', params: arabicTerm, expect: onlyRoles(['mediator'], 204) },
  { method: 'GET', path: '/api/v1/translation-help/stats', expect: staff(200) },
];

/** The scope a token needs on each route. */
export const translationHelpScopes: RouteScopes = {
  'GET /api/v1/announcements/:id/translations/:lang/suggestions': 'announcements:read',
  'POST /api/v1/announcements/:id/translations/:lang/machine-draft': 'translations:write',
  'PUT /api/v1/announcements/:id/translations/:lang/segments': 'translations:write',
  'POST /api/v1/announcements/:id/translations/:lang/glossary-check': 'announcements:read',
  'GET /api/v1/glossary': 'announcements:read',
  'POST /api/v1/glossary': 'translations:write',
  'PUT /api/v1/glossary/:id': 'translations:write',
  'DELETE /api/v1/glossary/:id': 'translations:write',
  'GET /api/v1/translation-help/stats': 'announcements:read',
};
