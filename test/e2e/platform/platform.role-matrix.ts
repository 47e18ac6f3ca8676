import { call } from '../../support/http.js';
import type { Caller, MatrixContext, RoleMatrixRow } from '../../support/role-matrix.js';
import { buildAnnouncementInput } from '../../factories/announcement.factory.js';
import { join } from 'node:path';
import { consoleAssetFiles, consoleLocaleFiles, consoleVendorFiles } from '../../../src/console/index.js';
import { PROJECT_ROOT } from '../../support/service-process.js';

/** Open to the world, signed in or not. */
const anyone = (ok: number): Record<Caller, number> => ({ anonymous: ok, admin: ok, editor: ok, mediator: ok, viewer: ok });

let publishedSlug: Promise<string> | undefined;

/** One Italian notice published by the admin, shared by every caller (publishing is not what the row checks). */
function aPublishedNotice(ctx: MatrixContext): Promise<Record<string, string>> {
  publishedSlug ??= (async () => {
    const created = await call(ctx.stack, 'POST', '/api/v1/announcements', { headers: ctx.admin.headers, body: buildAnnouncementInput() });
    const published = await call(ctx.stack, 'POST', `/api/v1/announcements/${created.body.id}/publish`, { headers: ctx.admin.headers });
    if (published.status !== 202) throw new Error(`publish set-up: ${published.status} ${JSON.stringify(published.body)}`);
    return String(created.body.slug);
  })();
  return publishedSlug.then((slug) => ({ slug }));
}

/**
 * The public surface: probes, metrics for the scraper on the internal network, the API documentation, the staff
 * console's files (the page signs in through the API) and the notice pages that every message links to. None of
 * them takes a role, so every caller gets the same answer.
 */
export const platformRows: RoleMatrixRow[] = [
  // A redirect to /console/, which `call` follows (api-docs.test.ts checks the redirect itself).
  { method: 'GET', path: '/', expect: anyone(200) },
  { method: 'GET', path: '/console', expect: anyone(200) },
  { method: 'GET', path: '/console/', expect: anyone(200) },
  ...consoleAssetFiles().map((file): RoleMatrixRow => ({ method: 'GET', path: `/console/assets/${file}`, expect: anyone(200) })),
  ...consoleVendorFiles().map((file): RoleMatrixRow => ({ method: 'GET', path: `/console/vendor/${file}`, expect: anyone(200) })),
  ...consoleLocaleFiles(join(PROJECT_ROOT, 'locales', 'console')).map((file): RoleMatrixRow => ({ method: 'GET', path: `/console/locales/${file}`, expect: anyone(200) })),
  { method: 'GET', path: '/healthz', expect: anyone(200) },
  { method: 'GET', path: '/readyz', expect: anyone(200) },
  { method: 'GET', path: '/metrics', expect: anyone(200) },
  { method: 'GET', path: '/api/v1/openapi.json', expect: anyone(200) },
  { method: 'GET', path: '/api/docs', expect: anyone(200) },
  { method: 'GET', path: '/api/docs/assets/docs-initializer.js', expect: anyone(200) },
  { method: 'GET', path: '/api/docs/assets/swagger-ui.css', expect: anyone(200) },
  { method: 'GET', path: '/api/docs/assets/swagger-ui-bundle.js', expect: anyone(200) },
  { method: 'GET', path: '/api/docs/assets/favicon-32x32.png', expect: anyone(200) },
  { method: 'GET', path: '/n/notice.css', expect: anyone(200) },
  { method: 'GET', path: '/n/:slug/:lang', params: async (ctx) => ({ ...(await aPublishedNotice(ctx)), lang: 'it' }), expect: anyone(200) },
];
