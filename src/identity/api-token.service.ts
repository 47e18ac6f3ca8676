import type { Principal } from './principal.js';
import type { ApiToken } from './api-token.model.js';
import type { AuditActor } from './audit-event.model.js';
import type { ApiTokenRepository } from './api-token.repository.js';
import { actorOf, type AuditLog } from './audit.service.js';
import { TokenNotFound } from './identity.errors.js';
import { digestOpaqueToken, generateOpaqueToken } from './opaque-token.js';
import type { User } from './user.model.js';
import type { UserRepository } from './user.repository.js';

/**
 * What a token may do, on top of its user's role. Routes name the scope they need in `requireRole`;
 * `*` allows everything the user's role allows. Add a scope here when a feature needs one.
 */
export const TOKEN_SCOPES = [
  '*',
  'announcements:read',
  'announcements:write',
  'announcements:publish',
  'translations:write',
  'translations:approve',
  'groups:read',
  'groups:write',
  'deliveries:read',
  'deliveries:write',
  'inbox:read',
  'inbox:write',
  'inbox:privacy',
  'connectors:admin',
  'users:admin',
  'tokens:write',
  'audit:read',
] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

const TOKEN_PREFIX = 'spt_';
// Writing lastUsedAt on every call would turn each read into a write; a minute is precise enough.
const LAST_USED_PRECISION_MS = 60_000;

export function createApiTokenService(deps: { tokens: ApiTokenRepository; users: UserRepository; audit: AuditLog }) {
  return {
    /** Issues a token for `owner`; the returned `secret` is the only time anyone sees it. */
    async issue(actor: AuditActor, owner: User, input: { name: string; scopes: TokenScope[] }, secret = generateOpaqueToken(TOKEN_PREFIX)) {
      const token = await deps.tokens.create({
        userId: owner.id,
        name: input.name,
        digest: digestOpaqueToken(secret),
        prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
        scopes: [...new Set(input.scopes)],
        createdAt: new Date(),
      });
      await deps.audit.record({
        actor,
        action: 'token.created',
        target: { type: 'api_token', id: token.id },
        details: { owner: owner.id, scopes: token.scopes },
      });
      return { token, secret };
    },

    listOf(userId: string): Promise<ApiToken[]> {
      return deps.tokens.listOf(userId);
    },

    /** Owners revoke their own tokens, admins anyone's; to others a token does not exist. */
    async revoke(by: Principal, id: string): Promise<void> {
      const token = await deps.tokens.findById(id);
      if (!token || (token.userId !== by.userId && by.role !== 'admin')) throw new TokenNotFound();
      if (token.revokedAt) return;
      await deps.tokens.revoke(id, new Date());
      await deps.audit.record({ actor: actorOf(by), action: 'token.revoked', target: { type: 'api_token', id }, details: { owner: token.userId } });
    },

    /** The token's user, re-read on every call so that a disabled user's tokens stop at once. */
    async resolve(secret: string): Promise<{ user: User; token: ApiToken } | null> {
      const token = await deps.tokens.findLiveByDigest(digestOpaqueToken(secret));
      if (!token) return null;
      const user = await deps.users.findById(token.userId);
      if (!user || user.disabled) return null;
      const now = new Date();
      if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) await deps.tokens.touch(token.id, now);
      return { user, token };
    },
  };
}

export type ApiTokenService = ReturnType<typeof createApiTokenService>;
