import { expect } from 'chai';
import type { Role } from '../../src/platform/http/auth-guard.js';
import { call } from '../support/http.js';
import { CALLERS, pathFor, signInEveryRole, type MatrixContext, type RoleMatrixRow } from '../support/role-matrix.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import type { SignedInUser } from '../support/auth.js';
import { connectorRows } from './connectors/connectors.role-matrix.js';
import { identityRows } from './identity/identity.role-matrix.js';
import { announcementRows } from './announcements/announcements.role-matrix.js';
import { inboxRows } from './inbox/inbox.role-matrix.js';

/** Every route × every role and anonymous → the expected status. Features add their rows file here. */
const ROWS: Array<[feature: string, rows: RoleMatrixRow[]]> = [
  ['identity', identityRows],
  ['connectors', connectorRows],
  ['announcements', announcementRows],
  ['inbox', inboxRows],
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
