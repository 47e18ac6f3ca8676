import type { Principal, Role } from './principal.js';
import type { AuditActor } from './audit-event.model.js';
import { actorOf, type AuditLog } from './audit.service.js';
import { MediatorWithoutLanguages, SelfLockout, UserNotFound } from './identity.errors.js';
import { hashPassword } from './password-hasher.js';
import type { ApiTokenRepository } from './api-token.repository.js';
import type { SessionRepository } from './session.repository.js';
import type { User } from './user.model.js';
import type { UserChanges, UserRepository } from './user.repository.js';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  languages?: string[];
  emailAlerts?: boolean;
  password: string;
}

export interface UserUpdate {
  name?: string;
  role?: Role;
  languages?: string[];
  disabled?: boolean;
  emailAlerts?: boolean;
  password?: string;
}

/** Only mediators work in languages; for the other roles the list is kept empty so it cannot mislead. */
function languagesFor(role: Role, languages: string[] | undefined): string[] {
  if (role !== 'mediator') return [];
  const unique = [...new Set(languages ?? [])];
  if (unique.length === 0) throw new MediatorWithoutLanguages();
  return unique;
}

/** Role, language, status and password changes each leave their own audit event. */
async function recordChanges(
  audit: AuditLog,
  actor: AuditActor,
  before: User,
  after: User,
  changes: { passwordReset: boolean; tokensRevoked: number },
): Promise<void> {
  const target = { type: 'user', id: after.id };
  if (before.role !== after.role || before.languages.join() !== after.languages.join()) {
    await audit.record({
      actor,
      action: 'user.role_changed',
      target,
      details: { from: before.role, to: after.role, languagesFrom: before.languages, languagesTo: after.languages },
    });
  }
  if (before.disabled !== after.disabled) {
    await audit.record({ actor, action: after.disabled ? 'user.disabled' : 'user.enabled', target, ...(after.disabled ? { details: { tokensRevoked: changes.tokensRevoked } } : {}) });
  }
  if (changes.passwordReset) await audit.record({ actor, action: 'user.password_reset', target });
}

/** Staff accounts, administered by admins. Users are disabled, never deleted: the audit trail keeps pointing at them. */
export function createUserService(deps: { users: UserRepository; sessions: SessionRepository; tokens: ApiTokenRepository; audit: AuditLog }) {
  return {
    async create(actor: AuditActor, input: NewUser): Promise<User> {
      const user = await deps.users.create({
        email: input.email,
        name: input.name,
        role: input.role,
        languages: languagesFor(input.role, input.languages),
        emailAlerts: input.emailAlerts ?? true,
        passwordHash: await hashPassword(input.password),
      });
      await deps.audit.record({ actor, action: 'user.created', target: { type: 'user', id: user.id }, details: { role: user.role, languages: user.languages } });
      return user;
    },

    async get(id: string): Promise<User> {
      const user = await deps.users.findById(id);
      if (!user) throw new UserNotFound();
      return user;
    },

    list(filter: { role?: Role; limit: number; after?: string }): Promise<User[]> {
      return deps.users.list(filter);
    },

    async update(by: Principal, id: string, update: UserUpdate): Promise<User> {
      const before = await deps.users.findById(id);
      if (!before) throw new UserNotFound();
      const roleChanges = update.role !== undefined && update.role !== before.role;
      if (before.id === by.userId && (roleChanges || update.disabled === true)) throw new SelfLockout();
      const role = update.role ?? before.role;
      const changes: UserChanges = {};
      if (update.name !== undefined) changes.name = update.name;
      if (update.role !== undefined) changes.role = update.role;
      if (update.role !== undefined || update.languages !== undefined) changes.languages = languagesFor(role, update.languages ?? before.languages);
      if (update.disabled !== undefined) changes.disabled = update.disabled;
      if (update.emailAlerts !== undefined) changes.emailAlerts = update.emailAlerts;
      if (update.password !== undefined) changes.passwordHash = await hashPassword(update.password);

      const after = await deps.users.update(id, changes);
      if (!after) throw new UserNotFound();
      // Sessions are re-checked on every request anyway; deleting them also ends them in storage. Tokens are
      // revoked, not just refused while disabled: enabling the person again must not bring them back to life.
      let tokensRevoked = 0;
      if (after.disabled && !before.disabled) {
        await deps.sessions.deleteAllOf(id);
        tokensRevoked = await deps.tokens.revokeAllOf(id, new Date());
      }
      await recordChanges(deps.audit, actorOf(by), before, after, { passwordReset: update.password !== undefined, tokensRevoked });
      return after;
    },

  };
}

export type UserService = ReturnType<typeof createUserService>;
