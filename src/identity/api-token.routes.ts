import { Router } from 'express';
import { z } from 'zod';
import { Forbidden, requireRole } from '../platform/http/auth-guard.js';
import { principalOf, ROLES } from './principal.js';
import { parseBody, parseParams, parseQuery } from '../platform/http/validate.js';
import { TOKEN_SCOPES, type ApiTokenService } from './api-token.service.js';
import { actorOf } from './audit.service.js';
import { IdParams, ObjectIdParam } from './identity.schemas.js';
import type { UserService } from './user.service.js';

export const CreateTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(80),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(TOKEN_SCOPES.length),
  /** Admins may issue a token for another user (integrations run as their own account). */
  userId: ObjectIdParam.optional(),
});

const ListTokensQuery = z.strictObject({ userId: ObjectIdParam.optional() });

// Viewers write nothing, so they cannot mint tokens either; an admin issues them one.
const writers = requireRole(['editor', 'mediator'], 'tokens:write');

/** `/api/v1/tokens`: API tokens for scripts and integrations. The secret is in the 201 response and nowhere else. */
export function createApiTokenRoutes(deps: { tokens: ApiTokenService; users: UserService }): Router {
  const router = Router();

  const ownerFor = (principal: ReturnType<typeof principalOf>, userId: string | undefined): string => {
    if (userId && userId !== principal.userId && principal.role !== 'admin') throw new Forbidden('only admins manage other users’ tokens');
    return userId ?? principal.userId;
  };

  router.get('/', requireRole(ROLES), async (req, res) => {
    const principal = principalOf(req);
    const { userId } = parseQuery(ListTokensQuery, req);
    res.json({ items: await deps.tokens.listOf(ownerFor(principal, userId)) });
  });

  router.post('/', writers, async (req, res) => {
    const principal = principalOf(req);
    const body = parseBody(CreateTokenBody, req);
    const owner = await deps.users.get(ownerFor(principal, body.userId));
    const { token, secret } = await deps.tokens.issue(actorOf(principal), owner, body);
    res.set('Cache-Control', 'no-store');
    res.status(201).json({ ...token, token: secret });
  });

  router.delete('/:id', writers, async (req, res) => {
    const { id } = parseParams(IdParams, req);
    await deps.tokens.revoke(principalOf(req), id);
    res.status(204).end();
  });

  return router;
}
