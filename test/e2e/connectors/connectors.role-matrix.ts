import { ROLES } from '../../../src/identity/index.js';
import { onlyRoles, type RoleMatrixRow } from '../../support/role-matrix.js';
import type { RouteScopes } from '../../support/role-matrix.js';

const simulatedWhatsApp = () => ({ account: 'sim-whatsapp', chatId: '393330000001@c.us' });

/**
 * The connectors' status for every staff member; an account's login code and the simulator's control API for
 * admins only (the code links a device to the account, the simulator speaks as anyone).
 */
export const connectorRows: RoleMatrixRow[] = [
  { method: 'GET', path: '/api/v1/connectors', expect: onlyRoles(ROLES, 200) },
  // The account is logged in: an admin is told there is no login to scan (404); the other roles may not ask.
  { method: 'GET', path: '/api/v1/connectors/:account/login-qr.svg', params: simulatedWhatsApp, expect: onlyRoles([], 404) },
  { method: 'GET', path: '/api/v1/simulator/:account/chats', params: simulatedWhatsApp, expect: onlyRoles([], 200) },
  { method: 'GET', path: '/api/v1/simulator/:account/chats/:chatId/messages', params: simulatedWhatsApp, expect: onlyRoles([], 200) },
  {
    method: 'POST',
    path: '/api/v1/simulator/:account/inbound',
    params: simulatedWhatsApp,
    body: () => ({ chatId: '393330000001@c.us', senderId: '393330000001@c.us', senderName: 'Ahmed', text: 'Buongiorno' }),
    expect: onlyRoles([], 201),
  },
  // A new citizen's direct chat, with an id the simulator makes up.
  { method: 'POST', path: '/api/v1/simulator/:account/chats', params: simulatedWhatsApp, body: () => ({ name: 'Nuovo cittadino' }), expect: onlyRoles([], 201) },
  {
    method: 'POST',
    path: '/api/v1/simulator/:account/faults',
    params: simulatedWhatsApp,
    body: () => ({ failNext: { count: 1, kind: 'transient' } }),
    expect: onlyRoles([], 202),
  },
];

/** The scope a token needs on each route (`null`: any token of an allowed role; the simulator is for the demo and tests). */
export const connectorScopes: RouteScopes = {
  'GET /api/v1/connectors': null,
  'GET /api/v1/connectors/:account/login-qr.svg': 'connectors:admin',
  'GET /api/v1/simulator/:account/chats': null,
  'POST /api/v1/simulator/:account/chats': null,
  'GET /api/v1/simulator/:account/chats/:chatId/messages': null,
  'POST /api/v1/simulator/:account/inbound': null,
  'POST /api/v1/simulator/:account/faults': null,
};
