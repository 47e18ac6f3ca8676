import { expect } from 'chai';
import { AdminAlerts } from '../../../src/staff-alerts/admin-alerts.js';
import type { StaffMail } from '../../../src/platform/mail/mailer.port.js';
import { Writable } from 'node:stream';
import { createLogger } from '../../../src/platform/logging/logger.js';
import { silentLogger } from '../../support/silent-logger.js';

/** The mail server as a list: what the port was handed. */
function alertsWith(admins: string[]): { alerts: AdminAlerts; sent: StaffMail[] } {
  const sent: StaffMail[] = [];
  const mailer = {
    async send(mail: StaffMail) {
      sent.push(mail);
    },
    close() {},
  };
  return { alerts: new AdminAlerts({ mailer, admins: async () => admins, consoleUrl: () => 'https://sportello.comune.test', log: silentLogger }), sent };
}

describe('admin alerts about chat accounts', () => {
  it('an account that keeps failing is reported once, until it is ready again', async () => {
    const { alerts, sent } = alertsWith(['a@comune.test', 'b@comune.test']);

    for (let i = 0; i < 3; i += 1) await alerts.connectionChanged('wa-prato', 'failed');
    await alerts.connectionChanged('wa-prato', 'reconnecting');
    await alerts.connectionChanged('wa-prato', 'failed');

    expect(sent.map((m) => m.to)).to.deep.equal(['a@comune.test', 'b@comune.test']);
    expect(sent[0]!.subject).to.equal("Sportello: l'account wa-prato non risponde");

    await alerts.connectionChanged('wa-prato', 'ready');
    await alerts.connectionChanged('wa-prato', 'failed');
    expect(sent).to.have.length(4);
  });

  it('starting and reconnecting are nobody’s business yet', async () => {
    const { alerts, sent } = alertsWith(['a@comune.test']);

    await alerts.connectionChanged('wa-prato', 'starting');
    await alerts.connectionChanged('wa-prato', 'reconnecting');

    expect(sent).to.have.length(0);
  });

  it('a mail server that refuses: the alert is given up with a warning, and the caller goes on', async () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', destination: new Writable({ write: (chunk: Buffer, _enc, done) => void (lines.push(chunk.toString()), done()) }) });
    const mailer = { send: async () => Promise.reject(new Error('connection refused')), close() {} };
    const alerts = new AdminAlerts({ mailer, admins: async () => ['a@comune.test'], consoleUrl: () => '', log });

    await alerts.accountPaused('wa-prato', 'rate-limited 3 times within 10 min');

    expect(lines.join('')).to.contain('could not e-mail the admins').and.contain('connection refused');
  });
});
