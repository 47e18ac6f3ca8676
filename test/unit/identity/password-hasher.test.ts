import { expect } from 'chai';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from '../../../src/identity/password-hasher.js';

describe('password hasher', () => {
  it('hashPassword, the same password twice, gives different salted scrypt hashes', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');

    expect(first).to.match(/^scrypt\$32768\$8\$1\$[\w+/=]+\$[\w+/=]+$/);
    expect(first).not.to.equal(second);
  });

  it('verifyPassword, the right password, matches', async () => {
    const stored = await hashPassword('correct horse battery');

    expect(await verifyPassword('correct horse battery', stored)).to.equal(true);
  });

  it('verifyPassword, a wrong password, does not match', async () => {
    const stored = await hashPassword('correct horse battery');

    expect(await verifyPassword('correct horse battery!', stored)).to.equal(false);
  });

  it('verifyPassword, a malformed stored hash, never matches', async () => {
    expect(await verifyPassword('x', 'plain-text-password')).to.equal(false);
    expect(await verifyPassword('x', 'scrypt$0$8$1$AAAA$AAAA')).to.equal(false);
  });

  it('verifyAgainstDecoy, any password, is false', async () => {
    expect(await verifyAgainstDecoy('anything at all')).to.equal(false);
  });
});
