import { expect } from 'chai';
import mongoose, { type Connection } from 'mongoose';
import { createApiTokenRepository } from '../../../src/identity/api-token.repository.js';
import { createApiTokenService } from '../../../src/identity/api-token.service.js';
import { createAuditRepository } from '../../../src/identity/audit.repository.js';
import { createAuditLog } from '../../../src/identity/audit.service.js';
import { bootstrapAdmin } from '../../../src/identity/bootstrap-admin.js';
import { createSessionRepository } from '../../../src/identity/session.repository.js';
import { createUserRepository } from '../../../src/identity/user.repository.js';
import { createUserService } from '../../../src/identity/user.service.js';
import { ConfigError } from '../../../src/platform/config.js';
import { startTempEngine, type TempEngine } from '../embedded-mongo/temp-engine.js';

describe('bootstrapAdmin', () => {
  let temp: TempEngine;
  let db: Connection;
  let deps: Parameters<typeof bootstrapAdmin>[0];

  beforeEach(async () => {
    temp = await startTempEngine();
    db = await mongoose.createConnection(`${temp.engine.uri}bootstrap`).asPromise();
    const users = createUserRepository(db);
    await users.init();
    const audit = createAuditLog(createAuditRepository(db));
    const tokens = createApiTokenRepository(db);
    deps = {
      users,
      userService: createUserService({ users, sessions: createSessionRepository(db), tokens, audit }),
      tokens,
      tokenService: createApiTokenService({ tokens, users, audit }),
    };
  });

  afterEach(async () => {
    await db.close();
    await temp.dispose();
  });

  it('production without a configured admin and an empty database, refuses to start', async () => {
    const error = await bootstrapAdmin(deps, { mode: 'production' }).then(() => undefined, (e: unknown) => e);

    expect(error).to.be.instanceOf(ConfigError);
    expect((error as ConfigError).problems.join()).to.contain('BOOTSTRAP_ADMIN_EMAIL');
  });

  it('production with a configured admin, creates it once and never changes its password afterwards', async () => {
    const admin = { email: 'chief@comune.example', password: 'first strong passphrase' };
    await bootstrapAdmin(deps, { mode: 'production', admin });

    const again = await bootstrapAdmin(deps, { mode: 'production', admin: { ...admin, password: 'another passphrase!' } });

    expect(again).to.equal(undefined);
    const stored = await deps.users.findCredentials(admin.email);
    expect(stored?.user).to.include({ role: 'admin', disabled: false });
    expect(stored?.passwordHash).to.match(/^scrypt\$/).and.not.contain(admin.password);
    expect((await deps.users.list({ limit: 10 })).length).to.equal(1);
  });
});
