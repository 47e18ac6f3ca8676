import { expect } from 'chai';
import type { Role } from '../../src/identity/index.js';
import { call } from '../support/http.js';
import { CALLERS, pathFor, signInEveryRole, type MatrixContext, type RoleMatrixRow, type RouteScopes } from '../support/role-matrix.js';
import { TOKEN_SCOPES } from '../../src/identity/api-token.service.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import type { SignedInUser } from '../support/auth.js';
import { connectorRows, connectorScopes } from './connectors/connectors.role-matrix.js';
import { identityRows, identityScopes } from './identity/identity.role-matrix.js';
import { announcementRows, announcementScopes } from './announcements/announcements.role-matrix.js';
import { dispatchRows, dispatchScopes } from './dispatch/dispatch.role-matrix.js';
import { platformRows } from './platform/platform.role-matrix.js';
import { mountedRoutes, routeKey, rowCovers, type MountedRoute } from '../support/mounted-routes.js';
import { inboxRows, inboxScopes } from './inbox/inbox.role-matrix.js';
import { liveRows, liveScopes } from './live/live.role-matrix.js';
import { translationHelpRows, translationHelpScopes } from './translation-help/translation-help.role-matrix.js';

/** Every route × every role and anonymous → the expected status. Features add their rows file here. */
const ROWS: Array<[feature: string, rows: RoleMatrixRow[]]> = [
  ['identity', identityRows],
  ['connectors', connectorRows],
  ['announcements', announcementRows],
  ['dispatch', dispatchRows],
  ['platform', platformRows],
  ['inbox', inboxRows],
  ['live', liveRows],
  ['translation help', translationHelpRows],
];
/** The token scope of every route that needs a caller. Features add their table here. */
const SCOPES: RouteScopes = { ...identityScopes, ...connectorScopes, ...announcementScopes, ...dispatchScopes, ...inboxScopes, ...liveScopes, ...translationHelpScopes };

/** The route a scope table's key names (`POST /api/v1/groups`, `* /admin/queues`). */
function routeOf(key: string): MountedRoute {
  const [method = '', path = ''] = key.split(' ');
  return { method, path };
}

describe('role matrix', () => {
  let stack: TestStack;
  let callers: Record<Role, SignedInUser>;
  let admin: SignedInUser;

  before(async () => {
    stack = await startTestStack();
    ({ callers, admin } = await signInEveryRole(stack));
  });

  after(() => stack.stop());

  it('every route the app mounts, public ones included, has a row (HEAD comes with GET)', () => {
    const rows = ROWS.flatMap(([, featureRows]) => featureRows);
    const routes = mountedRoutes(stack.running.app).filter((route) => route.method !== 'HEAD');

    const missing = routes.filter((route) => !rows.some((row) => rowCovers(row, route)));

    expect(routes.length, 'the router walk found nothing: has Express changed its internals?').to.be.greaterThan(40);
    expect(missing.map((route) => `${route.method} ${route.path}`)).to.deep.equal([]);
  });

  it('every route that needs a caller has its token scope in a scope table, and every table entry is a mounted route', () => {
    const rows = ROWS.flatMap(([, featureRows]) => featureRows);
    const routes = mountedRoutes(stack.running.app).filter((route) => route.method !== 'HEAD');
    const guarded = routes.filter((route) => rows.some((row) => rowCovers(row, route) && row.expect.anonymous === 401)).map(routeKey);

    expect(guarded.filter((key) => !(key in SCOPES)), 'routes without a scope entry').to.deep.equal([]);
    expect(Object.keys(SCOPES).filter((key) => !routes.some((route) => routeKey(route) === key)), 'entries for no route').to.deep.equal([]);
  });

  describe('token scopes: an admin token without the route\'s scope is refused, one with only that scope is not', () => {
    const tokens = new Map<string, Promise<SignedInUser>>();
    /** The bootstrap admin with a token of exactly these scopes (admins pass every role check: only the scope counts). */
    const adminWith = (scopes: string[]): Promise<SignedInUser> => {
      const key = scopes.join(',');
      if (!tokens.has(key)) {
        tokens.set(
          key,
          (async () => {
            const issued = await call(stack, 'POST', '/api/v1/tokens', { headers: admin.headers, body: { name: `matrix ${tokens.size}`, scopes } });
            expect(issued.status, JSON.stringify(issued.body)).to.equal(201);
            return { ...admin, token: String(issued.body.token), headers: { authorization: `Bearer ${String(issued.body.token)}` } };
          })(),
        );
      }
      return tokens.get(key)!;
    };
    const callAs = async (row: RoleMatrixRow, as: SignedInUser) => {
      const ctx: MatrixContext = { stack, caller: 'admin', as, callers, admin };
      return call(stack, row.method, await pathFor(row, ctx), { headers: as.headers, body: row.body?.(ctx) });
    };

    for (const [key, scope] of Object.entries(SCOPES)) {
      if (scope === null) continue;
      const row = ROWS.flatMap(([, rows]) => rows).find((candidate) => rowCovers(candidate, routeOf(key)));
      it(`${key} needs ${scope}: refused with every other scope, answers ${row?.expect.admin} with only ${scope}`, async () => {
        expect(row, `a matrix row for ${key}`).to.not.equal(undefined);
        const refused = await callAs(row!, await adminWith(TOKEN_SCOPES.filter((s) => s !== '*' && s !== scope)));
        expect(refused.status, JSON.stringify(refused.body)).to.equal(403);
        expect(refused.headers.get('content-type')).to.match(/^application\/problem\+json/);
        expect(refused.body.detail).to.contain(scope);

        const allowed = await callAs(row!, await adminWith([scope]));
        expect(allowed.status, JSON.stringify(allowed.body)).to.equal(row!.expect.admin);
      });
    }
  });

  for (const [feature, rows] of ROWS) {
    describe(feature, () => {
      for (const row of rows) {
        for (const caller of CALLERS) {
          it(`${row.method} ${row.path}, as ${caller}, answers ${row.expect[caller]}`, async () => {
            const as = caller === 'anonymous' ? undefined : callers[caller];
            const ctx: MatrixContext = { stack, caller, as, callers, admin };
            const path = await pathFor(row, ctx);

            const response = await call(stack, row.method, path, { headers: as?.headers ?? {}, body: row.body?.(ctx) });

            expect(response.status, JSON.stringify(response.body)).to.equal(row.expect[caller]);
            if (response.status >= 400) expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
          });
        }
      }
    });
  }
});
