import type { Announcements } from '../announcements/index.js';
import type { Dispatch } from '../dispatch/index.js';
import type { Identity } from '../identity/index.js';
import type { Logger } from '../platform/logging/logger.js';
import type { Mailer } from '../platform/mail/mailer.port.js';
import { AdminAlerts } from '../staff-alerts/admin-alerts.js';
import { DeliveryReport, type DeliveryReportDeps } from '../staff-alerts/delivery-report.js';

/** Admins are e-mailed about the accounts (paused, disconnected); staff alerts go by the town's mail server. */
export function adminAlertsOf(mailer: Mailer, identity: Pick<Identity, 'alertableStaff'>, consoleUrl: () => string, log: Logger): AdminAlerts {
  return new AdminAlerts({
    mailer,
    admins: async () => (await identity.alertableStaff()).filter((s) => s.role === 'admin').map((s) => s.email),
    consoleUrl,
    log,
  });
}

/** Whoever published a notice is e-mailed how its sending went, once every delivery has gone or failed. */
export function reportFinishedNotices(deps: {
  mailer: Mailer;
  announcements: Pick<Announcements, 'events'>;
  dispatch: Pick<Dispatch, 'failureReport'>;
  identity: Pick<Identity, 'alertAddressOf'>;
  consoleUrl: () => string;
  translate: DeliveryReportDeps['translate'];
  log: Logger;
}): void {
  const report = new DeliveryReport({
    mailer: deps.mailer,
    failureReport: (id) => deps.dispatch.failureReport(id),
    addressOf: (userId) => deps.identity.alertAddressOf(userId),
    consoleUrl: deps.consoleUrl,
    translate: deps.translate,
    log: deps.log,
  });
  deps.announcements.events.onSent(async (announcement) => {
    const title = announcement.translations.find((t) => t.lang === announcement.sourceLanguage)?.title ?? announcement.slug;
    await report.finished({ id: announcement.id, title, ...(announcement.publishedBy ? { publishedBy: announcement.publishedBy } : {}) });
  });
}
