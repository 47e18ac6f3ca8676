import { ROLES } from '../../../src/identity/index.js';
import { call } from '../../support/http.js';
import { onlyRoles, type MatrixContext, type RoleMatrixRow } from '../../support/role-matrix.js';
import { buildAnnouncementInput, buildTranslationInput } from '../../factories/announcement.factory.js';
import { importContentLibrary } from '../../../src/content-library/index.js';
import mongoose from 'mongoose';
import { fileURLToPath } from 'node:url';
import type { RouteScopes } from '../../support/role-matrix.js';

const staff = (ok: number) => onlyRoles(['editor', 'mediator', 'viewer'], ok);

/** A fresh Italian-only draft per caller, created by the admin; with `arabicDraft`, an Arabic text waiting for approval. */
function freshAnnouncement(options: { arabicDraft?: boolean } = {}) {
  return async (ctx: MatrixContext): Promise<Record<string, string>> => {
    const created = await call(ctx.stack, 'POST', '/api/v1/announcements', { headers: ctx.admin.headers, body: buildAnnouncementInput() });
    const id = String(created.body.id);
    if (options.arabicDraft) {
      await call(ctx.stack, 'PUT', `/api/v1/announcements/${id}/translations/ar`, { headers: ctx.admin.headers, body: buildTranslationInput('ar') });
    }
    return { id };
  };
}

const imported = new WeakMap<object, Promise<void>>();

/** The announcement's Arabic translation (`:lang`). */
const inArabic =
  (params: (ctx: MatrixContext) => Promise<Record<string, string>>) =>
  async (ctx: MatrixContext): Promise<Record<string, string>> => ({ ...(await params(ctx)), lang: 'ar' });

/** The project's content library, imported once into the stack's database (templates have no create route). */
async function contentLibrary(ctx: MatrixContext): Promise<Record<string, string>> {
  let done = imported.get(ctx.stack);
  if (!done) {
    done = (async () => {
      const db = await mongoose.createConnection(ctx.stack.running.mongoUri).asPromise();
      try {
        await importContentLibrary(db, fileURLToPath(new URL('../../../content/', import.meta.url)));
      } finally {
        await db.close();
      }
    })();
    imported.set(ctx.stack, done);
  }
  await done;
  return { id: 'residence-permit-renewal' };
}

export const announcementRows: RoleMatrixRow[] = [
  { method: 'GET', path: '/api/v1/languages', expect: { ...onlyRoles(ROLES, 200), anonymous: 200 } },
  { method: 'GET', path: '/api/v1/announcements', expect: staff(200) },
  { method: 'POST', path: '/api/v1/announcements', body: () => buildAnnouncementInput(), expect: onlyRoles(['editor'], 201) },
  { method: 'GET', path: '/api/v1/announcements/:id', params: freshAnnouncement(), expect: staff(200) },
  { method: 'GET', path: '/api/v1/announcements/:id/history', params: freshAnnouncement(), expect: staff(200) },
  { method: 'GET', path: '/api/v1/announcements/:id/preview?lang=it&channel=whatsapp', params: freshAnnouncement(), expect: staff(200) },
  { method: 'PATCH', path: '/api/v1/announcements/:id', params: freshAnnouncement(), body: () => ({ topics: ['work'] }), expect: onlyRoles(['editor'], 200) },
  { method: 'PUT', path: '/api/v1/announcements/:id/translations/:lang', params: inArabic(freshAnnouncement()), body: () => buildTranslationInput('ar'), expect: onlyRoles(['editor', 'mediator'], 200) },
  { method: 'POST', path: '/api/v1/announcements/:id/translations/:lang/approve', params: inArabic(freshAnnouncement({ arabicDraft: true })), expect: onlyRoles(['mediator'], 200) },
  { method: 'POST', path: '/api/v1/announcements/:id/publish', params: freshAnnouncement(), expect: onlyRoles(['editor'], 202) },
  { method: 'POST', path: '/api/v1/announcements/:id/cancel', params: freshAnnouncement(), expect: onlyRoles(['editor'], 200) },
  { method: 'GET', path: '/api/v1/templates', expect: staff(200) },
  { method: 'GET', path: '/api/v1/templates/:id', params: contentLibrary, expect: staff(200) },
  {
    method: 'POST',
    path: '/api/v1/templates/:id/announcements',
    params: contentLibrary,
    body: () => ({ values: {} }),
    expect: onlyRoles(['editor'], 201),
  },
];

/** The scope a token needs on each route. */
export const announcementScopes: RouteScopes = {
  'GET /api/v1/announcements': 'announcements:read',
  'POST /api/v1/announcements': 'announcements:write',
  'GET /api/v1/announcements/:id': 'announcements:read',
  'GET /api/v1/announcements/:id/history': 'announcements:read',
  'GET /api/v1/announcements/:id/preview': 'announcements:read',
  'PATCH /api/v1/announcements/:id': 'announcements:write',
  'PUT /api/v1/announcements/:id/translations/:lang': 'translations:write',
  'POST /api/v1/announcements/:id/translations/:lang/approve': 'translations:approve',
  'POST /api/v1/announcements/:id/publish': 'announcements:publish',
  'POST /api/v1/announcements/:id/cancel': 'announcements:write',
  'GET /api/v1/templates': 'announcements:read',
  'GET /api/v1/templates/:id': 'announcements:read',
  'POST /api/v1/templates/:id/announcements': 'announcements:write',
};
