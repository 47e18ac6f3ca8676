import { allows } from '../platform/http/auth-guard.js';
import { ROLES, type Principal, type Role } from '../identity/index.js';
import { mayReadQueue } from '../inbox/index.js';
import type { LiveEvent } from './live-event.js';

const STAFF: readonly Role[] = ['viewer', 'editor', 'mediator'];

/**
 * Who hears of an event: whoever may read it through the REST route the console refetches it from, with the same
 * roles and token scopes (`requireRole`) and, in the inbox, the same queues (`GET /inbox/conversations`).
 */
export function mayReceive(who: Principal, event: LiveEvent): boolean {
  switch (event.name) {
    case 'conversation':
      return allows(who, STAFF, 'inbox:read') && mayReadQueue(who, event.data.language);
    case 'outbound':
      return allows(who, STAFF, 'inbox:read') && mayReadQueue(who, event.language);
    case 'announcement':
      return allows(who, STAFF, 'announcements:read');
    case 'delivery-progress':
      return allows(who, STAFF, 'deliveries:read');
    case 'group':
      return allows(who, STAFF, 'groups:read');
    case 'connector':
    case 'counts':
      return allows(who, ROLES);
    case 'simulator':
      // The simulator's routes are the admins' (they let the caller speak as anyone).
      return allows(who, ['admin']);
  }
}
