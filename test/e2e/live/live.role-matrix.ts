import { ROLES } from '../../../src/identity/index.js';
import { onlyRoles, type RoleMatrixRow, type RouteScopes } from '../../support/role-matrix.js';

/** Every signed-in role opens the stream; what each one is sent is filtered per event (`live-events.test.ts`). */
export const liveRows: RoleMatrixRow[] = [{ method: 'GET', path: '/api/v1/events', expect: onlyRoles(ROLES, 200) }];

/** The scope a token needs on each route (`null`: any token of an allowed role). */
export const liveScopes: RouteScopes = { 'GET /api/v1/events': null };
