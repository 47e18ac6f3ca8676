import { expect } from 'chai';
import { signInAsAdmin } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { captureLogs } from '../../support/log-capture.js';
import { startTestStack, type TestStack } from '../../support/stack.js';

describe('request logs of the running service', () => {
  let stack: TestStack;
  const logs = captureLogs();

  before(async () => {
    stack = await startTestStack({ LOG_LEVEL: 'info' }, { logDestination: logs.destination });
  });

  after(() => stack.stop());

  it('a request holding a phone number, a WhatsApp chat id and credentials, logs none of them', async () => {
    const admin = await signInAsAdmin(stack);

    await call(stack, 'GET', '/api/v1/contacts/+393331234567?chat=393339876543@c.us', { headers: admin.headers });
    await call(stack, 'POST', '/api/v1/auth/login', { body: { email: stack.admin.email, password: stack.admin.password } });

    const logged = logs.text();
    expect(logged).to.contain('/api/v1/contacts/[redacted]?chat=[redacted]');
    expect(logged).not.to.contain('3331234567');
    expect(logged).not.to.contain('393339876543');
    expect(logged).not.to.contain(admin.token);
    expect(logged).not.to.contain(stack.admin.password);
    expect(logged).not.to.contain('sportello_session=');
  });
});
