import nodemailer from 'nodemailer';
import type { Mailer, StaffMail } from './mailer.port.js';

/**
 * Nodemailer over the town's SMTP server (`smtp://user:pass@host:587` upgrades with STARTTLS when the server
 * offers it; `smtps://` is TLS from the start). One pooled connection, so a round of alerts is one login.
 */
export function createSmtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(`${url}${url.includes('?') ? '&' : '?'}pool=true&maxConnections=1`, { from });
  return {
    async send(mail: StaffMail) {
      await transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text });
    },
    close() {
      transport.close();
    },
  };
}
