import type { Logger } from '../platform/logging/logger.js';
import type { Mailer } from '../platform/mail/mailer.port.js';

export interface DeliveryReportDeps {
  mailer: Mailer;
  /** The deliveries that went or failed, and the failed ones per platform reason (dispatch). */
  failureReport: (announcementId: string) => Promise<{ attempted: number; failed: Array<{ reason: string; count: number }> }>;
  /** The address of the staff member who published, when they receive e-mail alerts (identity). */
  addressOf: (userId: string) => Promise<string | undefined>;
  consoleUrl: () => string;
  /** Italian texts with i18next's plurals (`staff.*` in `locales/it.json`). */
  translate: (key: string, language: string, values: Record<string, string | number>) => string | undefined;
  log: Logger;
}

/** What the report needs of the announcement that finished sending. */
export interface FinishedAnnouncement {
  id: string;
  title: string;
  publishedBy?: string;
}

/**
 * When a notice has finished sending and some groups or citizens did not get it (the platform refused: the
 * account left the group, the chat no longer exists), whoever published it is e-mailed the count and the
 * platform's reasons, with a link to the notice's page in the console, where failed deliveries are retried once
 * the cause is fixed. Nothing is sent when everything arrived: editors hear about what needs them.
 */
export class DeliveryReport {
  constructor(private readonly deps: DeliveryReportDeps) {}

  async finished(announcement: FinishedAnnouncement): Promise<void> {
    try {
      if (!announcement.publishedBy) return;
      const report = await this.deps.failureReport(announcement.id);
      const failed = report.failed.reduce((sum, r) => sum + r.count, 0);
      if (failed === 0) return;
      const to = await this.deps.addressOf(announcement.publishedBy);
      if (!to) return;
      await this.deps.mailer.send({
        to,
        subject: `Sportello: «${announcement.title}» non è arrivato a ${this.deps.translate('staff.recipients', 'it', { count: failed }) ?? failed} su ${report.attempted}`,
        text: [
          `L'avviso «${announcement.title}» ha finito l'invio: ${report.attempted - failed} consegnati, ${failed} non consegnati.`,
          '',
          'Motivi indicati dalla piattaforma:',
          ...report.failed.map((r) => `- ${r.reason}: ${r.count}`),
          '',
          'Sistemata la causa (per esempio, riaggiunto l’account al gruppo), dalla pagina dell’avviso si rimettono in coda i non consegnati:',
          `${this.deps.consoleUrl()}/console/#/announcements/${announcement.id}`,
        ].join('\n'),
      });
    } catch (error) {
      this.deps.log.warn({ err: error, announcementId: announcement.id }, 'could not e-mail the delivery report');
    }
  }
}
