import { ROLES } from '../../../src/platform/http/auth-guard.js';
import { onlyRoles, type RoleMatrixRow } from '../../support/role-matrix.js';

/** Every signed-in role opens the stream; what each one is sent is filtered per event (`live-events.test.ts`). */
export const liveRows: RoleMatrixRow[] = [{ method: 'GET', path: '/api/v1/events', expect: onlyRoles(ROLES, 200) }];
