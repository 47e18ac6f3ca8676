import { randomBytes } from 'node:crypto';
import { Router, type Request, type RequestHandler } from 'express';
import type { Principal } from './principal.js';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { createApiTokenRepository } from './api-token.repository.js';
import { createApiTokenRoutes } from './api-token.routes.js';
import { createApiTokenService } from './api-token.service.js';
import { createAuditRepository } from './audit.repository.js';
import { createAuditRoutes } from './audit.routes.js';
import { AuditTargetLabels, type AuditTargetLabeller } from './audit-labels.js';
import { createAuditLog, type AuditLog } from './audit.service.js';
import { createAuthRoutes } from './auth.routes.js';
import { createAuthService } from './auth.service.js';
import { createAuthenticate, createPrincipalResolver } from './authenticate.middleware.js';
import { bootstrapAdmin, type BootstrapSettings, type DemoCredentials } from './bootstrap-admin.js';
import { createLoginThrottle, DEFAULT_LOGIN_LIMITS, type LoginThrottleLimits } from './login-throttle.js';
import { createDeviceCookie } from './device-cookie.js';
import { createSessionCookie } from './session-cookie.js';
import { createSessionRepository } from './session.repository.js';
import { createUserRepository } from './user.repository.js';
import { createUserRoutes } from './user.routes.js';
import { createUserService } from './user.service.js';
import type { User } from './user.model.js';

export { actorOf, type AuditEntry, type AuditLog } from './audit.service.js';
export type { AuditActor, AuditTarget } from './audit-event.model.js';
export type { DemoCredentials } from './bootstrap-admin.js';
export type { AuditTargetLabeller } from './audit-labels.js';
export { identityOpenApi } from './identity.openapi.js';
export { ROLES, principalOf, type Principal, type Role } from './principal.js';

export interface IdentityDeps {
  db: Connection;
  redis: Redis;
  bootstrap: BootstrapSettings;
  /** Keys the CSRF tokens; without it (demo, tests) a random key per process is used. */
  sessionSecret?: string;
  /** The public https URL makes the session cookie Secure. */
  publicUrl?: string;
  sessionTtlMs?: number;
  loginLimits?: LoginThrottleLimits;
}

export interface Identity {
  /** For `createHttpApp`: sets `req.principal` from a bearer token or the session cookie. */
  authenticate: RequestHandler;
  /** Who a request's credentials stand for now (the live stream checks again while it is open). */
  principalOf(req: Request): Promise<Principal | undefined>;
  /** Mount at `/api/v1`: `/auth`, `/users`, `/tokens`, `/audit`. */
  routes: Router;
  /** The audit trail: other features `record` publish, cancel and erase here. */
  audit: AuditLog;
  /** Features name their audit targets here (a notice's title, a conversation's queue) for the activity log. */
  labelAuditTargets(type: string, labeller: AuditTargetLabeller): void;
  /** Printed by `npm run demo`; undefined outside demo mode. */
  demoCredentials: DemoCredentials | undefined;
  /** A staff account's role, languages and status (the inbox checks an assignee); undefined when there is none. */
  findStaff(userId: string): Promise<Pick<User, 'role' | 'languages' | 'disabled'> | undefined>;
  /** Where to e-mail one staff member, if they are enabled and receive e-mail alerts; undefined otherwise. */
  alertAddressOf(userId: string): Promise<string | undefined>;
  /** Enabled admins and mediators who receive e-mail alerts (`emailAlerts`), with their address. */
  alertableStaff(): Promise<Array<Pick<User, 'id' | 'email' | 'role' | 'languages'>>>;
}

const TWELVE_HOURS_MS = 12 * 60 * 60 * 1000;

/** Users, sessions, API tokens, sign-in throttling and the audit trail, wired on one database and Redis. */
export async function createIdentity(deps: IdentityDeps): Promise<Identity> {
  const userRepository = createUserRepository(deps.db);
  const sessionRepository = createSessionRepository(deps.db);
  const tokenRepository = createApiTokenRepository(deps.db);
  const auditRepository = createAuditRepository(deps.db);
  // The unique e-mail index must exist before the bootstrap admin is inserted.
  await Promise.all([userRepository, sessionRepository, tokenRepository, auditRepository].map((r) => r.init()));
  const audit = createAuditLog(auditRepository);

  const users = createUserService({ users: userRepository, sessions: sessionRepository, tokens: tokenRepository, audit });
  const tokens = createApiTokenService({ tokens: tokenRepository, users: userRepository, audit });
  const serverSecret = deps.sessionSecret ?? randomBytes(32).toString('base64');
  const auth = createAuthService({
    users: userRepository,
    sessions: sessionRepository,
    throttle: createLoginThrottle(deps.redis, deps.loginLimits ?? DEFAULT_LOGIN_LIMITS),
    audit,
    csrfSecret: serverSecret,
    sessionTtlMs: deps.sessionTtlMs ?? TWELVE_HOURS_MS,
  });
  const secure = deps.publicUrl?.startsWith('https://') ?? false;
  const cookie = createSessionCookie({ secure });
  const device = createDeviceCookie({ secure, secret: serverSecret });

  const demoCredentials = await bootstrapAdmin(
    { users: userRepository, userService: users, tokens: tokenRepository, tokenService: tokens },
    deps.bootstrap,
  );

  const routes = Router();
  routes.use('/auth', createAuthRoutes({ auth, cookie, device, audit }));
  routes.use('/users', createUserRoutes(users));
  routes.use('/tokens', createApiTokenRoutes({ tokens, users }));
  const auditLabels = new AuditTargetLabels();
  // Staff are named by their name; tokens by the name their owner gave them.
  auditLabels.register('user', async (ids) => new Map((await Promise.all(ids.map((id) => userRepository.findById(id)))).flatMap((u) => (u ? [[u.id, u.name] as const] : []))));
  auditLabels.register('api_token', async (ids) => new Map((await Promise.all(ids.map((id) => tokenRepository.findById(id)))).flatMap((t) => (t ? [[t.id, t.name] as const] : []))));
  routes.use('/audit', createAuditRoutes(audit, auditLabels));

  const principalOf = createPrincipalResolver({ auth, tokens, cookie });
  return {
    authenticate: createAuthenticate(principalOf),
    principalOf,
    routes,
    audit,
    labelAuditTargets: (type, labeller) => auditLabels.register(type, labeller),
    demoCredentials,
    async findStaff(userId) {
      const user = await userRepository.findById(userId);
      return user ? { role: user.role, languages: user.languages, disabled: user.disabled } : undefined;
    },
    async alertAddressOf(userId) {
      const user = await userRepository.findById(userId);
      return user && !user.disabled && user.emailAlerts ? user.email : undefined;
    },
    async alertableStaff() {
      return (await userRepository.listAlertable(['admin', 'mediator'])).map(({ id, email, role, languages }) => ({ id, email, role, languages }));
    },
  };
}
