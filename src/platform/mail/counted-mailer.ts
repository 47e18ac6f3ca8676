import { Counter, type Registry } from 'prom-client';
import type { Mailer } from './mailer.port.js';

/** Staff e-mails sent and failed, for `/metrics`: an alert nobody receives should not go unnoticed. */
export function countedMailer(mailer: Mailer, registry: Registry): Mailer {
  const emails = new Counter({
    name: 'sportello_staff_emails_total',
    help: 'E-mails to staff (alerts), by outcome: sent, or failed (the mail server refused or could not be reached)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  for (const outcome of ['sent', 'failed']) emails.inc({ outcome }, 0);
  return {
    async send(mail) {
      try {
        await mailer.send(mail);
        emails.inc({ outcome: 'sent' });
      } catch (error) {
        emails.inc({ outcome: 'failed' });
        throw error;
      }
    },
    close: () => mailer.close(),
  };
}
