import { randomBytes } from 'node:crypto';
import { ConfigError } from '../platform/config.js';
import type { ApiTokenRepository } from './api-token.repository.js';
import type { ApiTokenService } from './api-token.service.js';
import { hashPassword } from './password-hasher.js';
import type { UserRepository } from './user.repository.js';
import type { UserService } from './user.service.js';

export interface BootstrapSettings {
  mode: 'demo' | 'test' | 'production';
  /** From BOOTSTRAP_ADMIN_EMAIL / BOOTSTRAP_ADMIN_PASSWORD. */
  admin?: { email: string; password: string };
  /** From DEMO_ADMIN_TOKEN (demo mode only; config refuses it elsewhere). */
  demoAdminToken?: string;
}

/** What `npm run demo` prints so that someone can sign in and scripts can call the API. */
export interface DemoCredentials {
  email: string;
  password: string;
  token: string;
}

const DEMO_ADMIN_EMAIL = 'admin@sportello.example';
const DEMO_TOKEN_NAME = 'demo admin';
const SYSTEM = { type: 'system' } as const;

interface BootstrapDeps {
  users: UserRepository;
  userService: UserService;
  tokens: ApiTokenRepository;
  tokenService: ApiTokenService;
}

/**
 * Makes sure someone can administer Sportello. In production and tests the first admin comes from the
 * environment and is created once; in production, without one and with no admin in the database, the
 * service refuses to start. In demo mode the demo admin gets a fresh random password and API token at every start (or the
 * configured ones), because the demo prints them and nobody has to remember anything.
 */
export async function bootstrapAdmin(deps: BootstrapDeps, settings: BootstrapSettings): Promise<DemoCredentials | undefined> {
  if (settings.mode === 'demo') return bootstrapDemoAdmin(deps, settings);
  if (settings.admin && !(await deps.users.findByEmail(settings.admin.email))) {
    await deps.userService.create(SYSTEM, { ...settings.admin, name: 'Administrator', role: 'admin' });
  }
  // Test stacks that need an admin pass one in the environment; only production must never run unadministered.
  if (settings.mode === 'production' && !(await deps.users.hasActiveAdmin())) {
    throw new ConfigError(['BOOTSTRAP_ADMIN_EMAIL, BOOTSTRAP_ADMIN_PASSWORD: required while the database has no active admin']);
  }
  return undefined;
}

async function bootstrapDemoAdmin(deps: BootstrapDeps, settings: BootstrapSettings): Promise<DemoCredentials> {
  const email = settings.admin?.email ?? DEMO_ADMIN_EMAIL;
  const password = settings.admin?.password ?? randomBytes(12).toString('base64url');
  const existing = await deps.users.findByEmail(email);
  const admin = existing
    ? await deps.users.update(existing.id, { passwordHash: await hashPassword(password), role: 'admin', languages: [], disabled: false })
    : await deps.userService.create(SYSTEM, { email, password, name: 'Demo admin', role: 'admin' });
  if (!admin) throw new Error('the demo admin vanished during start-up');
  // Last start's token goes, so that only the printed one works (and DEMO_ADMIN_TOKEN can be reused).
  await deps.tokens.deleteByName(admin.id, DEMO_TOKEN_NAME);
  const { secret } = await deps.tokenService.issue(SYSTEM, admin, { name: DEMO_TOKEN_NAME, scopes: ['*'] }, settings.demoAdminToken);
  return { email, password, token: secret };
}
