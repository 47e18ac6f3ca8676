/** An e-mail to staff. Never carries citizens' personal data: counts and links to the console only. */
export interface StaffMail {
  to: string;
  subject: string;
  text: string;
}

/** Where staff e-mail goes: the town's SMTP server in production (`SMTP_URL`). */
export interface Mailer {
  send(mail: StaffMail): Promise<void>;
  close(): void;
}
