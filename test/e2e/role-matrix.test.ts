import { expect } from 'chai';
import type { Role } from '../../src/platform/http/auth-guard.js';
import { call } from '../support/http.js';
import { CALLERS, pathFor, signInEveryRole, type MatrixContext, type RoleMatrixRow } from '../support/role-matrix.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import type { SignedInUser } from '../support/auth.js';
import { connectorRows } from './connectors/connectors.role-matrix.js';
import { identityRows } from './identity/identity.role-matrix.js';
import { announcementRows } from './announcements/announcements.role-matrix.js';
import { dispatchRows } from './dispatch/dispatch.role-matrix.js';
import { platformRows } from './platform/platform.role-matrix.js';
import { mountedRoutes, rowCovers } from '../support/mounted-routes.js';
import { inboxRows } from './inbox/inbox.role-matrix.js';
import { liveRows } from './live/live.role-matrix.js';

/** Every route × every role and anonymous → the expected status. Features add their rows file here. */
const ROWS: Array<[feature: string, rows: RoleMatrixRow[]]> = [
  ['identity', identityRows],
  ['connectors', connectorRows],
  ['announcements', announcementRows],
  ['dispatch', dispatchRows],
  ['platform', platformRows],
  ['inbox', inboxRows],
  ['live', liveRows],
];

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
