import type { RequestHandler } from 'express';
import { ROLES, type Role } from '../../src/platform/http/auth-guard.js';

/**
 * Stands in for identity's authentication until it exists: `X-Test-Role: admin` signs the request in
 * with that role; no header leaves it anonymous. Swap for the real middleware once identity lands.
 */
export const authenticateFromTestHeader: RequestHandler = (req, _res, next) => {
  const role = req.header('x-test-role');
  if (role && (ROLES as readonly string[]).includes(role)) {
    req.principal = { userId: `test-${role}`, email: `${role}@example.test`, role: role as Role, languages: [], via: 'session', scopes: ['*'], csrfVerified: true };
  }
  next();
};
