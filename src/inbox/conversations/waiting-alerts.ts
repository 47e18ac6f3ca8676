import type { Logger } from '../../platform/logging/logger.js';
import type { Mailer } from '../../platform/mail/mailer.port.js';
import { formatOnTownClock, nextOpening, type OpeningHours } from '../../platform/opening-hours.js';
import type { ConversationRepository, DueAlert } from './conversation.repository.js';
import { UNSURE_QUEUE } from '../inbox.types.js';
import type { AlertableStaff, InboxStaff } from '../inbox-staff.port.js';
import type { Translate } from '../intake/acknowledgement.js';

export interface WaitingAlertsDeps {
  conversations: ConversationRepository;
  staff: InboxStaff;
  mailer: Mailer;
  clock: () => Date;
  /** INBOX_ALERT_AFTER_HOURS. */
  afterMs: number;
  /** Staff are not e-mailed while the office is closed: waits from the night are reported at opening. */
  openingHours?: OpeningHours;
  /** The console's address, for the link in the e-mail. */
  consoleUrl: () => string;
  /** The staff's e-mails are in Italian: counts and waits take i18next's plurals (`staff.*` in `locales/it.json`). */
  translate: Translate;
  log: Logger;
}

/** At most this many waits per check: a backlog larger than that is reported over the next checks. */
const BATCH = 500;

/**
 * Mediators are not always in the console: when a citizen has waited `INBOX_ALERT_AFTER_HOURS` for an answer,
 * the mediators of that language (every mediator for the unsure queue; the admins, when the language has none), and whoever the conversation is
 * assigned to, get an e-mail, once per wait. It holds counts, times and a link to the console, never what the
 * citizen wrote nor who they are. Each wait is claimed before the e-mail goes, so several processes checking
 * together alert once; a failed send gives the claims back for the next check.
 */
export class WaitingAlerts {
  constructor(private readonly deps: WaitingAlertsDeps) {}

  /** One check; returns how many waits were reported. */
  async check(): Promise<number> {
    const now = this.deps.clock();
    if (this.deps.openingHours && nextOpening(now, this.deps.openingHours)) {
      this.deps.log.debug('office closed: waits are reported at opening');
      return 0;
    }
    const due = await this.deps.conversations.claimDueAlerts(new Date(now.getTime() - this.deps.afterMs), now, BATCH);
    if (due.length === 0) return 0;
    try {
      const recipients = recipientsOf(due, await this.deps.staff.alertable());
      for (const [email, waits] of recipients) await this.deps.mailer.send({ to: email, subject: subjectOf(waits.length, this.deps.afterMs, this.deps.translate), text: this.textOf(waits, now) });
      this.deps.log.info({ waits: due.length, recipients: recipients.size }, 'staff alerted about citizens waiting');
    } catch (error) {
      await this.deps.conversations.releaseAlerts(
        due.map((d) => d.id),
        now,
      );
      throw error;
    }
    return due.length;
  }

  private textOf(waits: readonly DueAlert[], now: Date): string {
    const byLanguage = new Map<string, DueAlert[]>();
    for (const wait of waits) byLanguage.set(wait.language, [...(byLanguage.get(wait.language) ?? []), wait]);
    const timeZone = this.deps.openingHours?.timeZone ?? 'Europe/Rome';
    const lines = [...byLanguage].map(([language, list]) => {
      const oldest = new Date(Math.min(...list.map((w) => w.waitingSince.getTime())));
      const count = staffText(this.deps.translate, 'conversations', list.length);
      return `- ${languageName(language)}: ${count}; la più vecchia aspetta da ${formatOnTownClock(oldest, 'it', timeZone)} (${hoursText(now.getTime() - oldest.getTime(), this.deps.translate)})`;
    });
    return [
      'Buongiorno,',
      '',
      `nello Sportello ci sono cittadini che aspettano una risposta da più di ${hoursText(this.deps.afterMs, this.deps.translate)}:`,
      '',
      ...lines,
      '',
      `Le code della console: ${this.deps.consoleUrl()}/console/#/inbox?waiting=true`,
      '',
      'Questa e-mail non contiene dati dei cittadini: domande e nomi sono solo nella console.',
      'Sportello la invia una volta per ogni attesa, a chi media in quella lingua e a chi ha in carico la conversazione.',
    ].join('\n');
  }
}

/**
 * Who hears about which waits: each language's mediators, or all admins for a language nobody mediates; and a
 * conversation's assignee, whatever their languages. Keyed by e-mail, so nobody gets two e-mails in one check.
 */
function recipientsOf(due: readonly DueAlert[], staff: readonly AlertableStaff[]): Map<string, DueAlert[]> {
  const admins = staff.filter((s) => s.role === 'admin');
  const recipients = new Map<string, DueAlert[]>();
  const add = (person: AlertableStaff, wait: DueAlert): void => {
    const list = recipients.get(person.email) ?? [];
    if (!list.includes(wait)) list.push(wait);
    recipients.set(person.email, list);
  };
  for (const wait of due) {
    // The unsure queue is every mediator's: any of them may read enough of it to route it.
    const mediators = staff.filter((s) => s.role === 'mediator' && (wait.language === UNSURE_QUEUE || s.languages.includes(wait.language)));
    for (const person of mediators.length > 0 ? mediators : admins) add(person, wait);
    const assignee = staff.find((s) => s.id === wait.assigneeId);
    if (assignee) add(assignee, wait);
  }
  return recipients;
}

function subjectOf(waits: number, afterMs: number, translate: Translate): string {
  return `Sportello: ${staffText(translate, 'citizensWaiting', waits)} una risposta da più di ${hoursText(afterMs, translate)}`;
}

/** An Italian staff text with its plural chosen by i18next. */
function staffText(translate: Translate, key: string, count: number): string {
  return translate(`staff.${key}`, 'it', { count }) ?? String(count);
}

/** "2 ore", "1,5 ore", "un'ora", "30 minuti": a wait as staff say it. */
export function hoursText(ms: number, translate: Translate): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return staffText(translate, 'minutes', minutes);
  return staffText(translate, 'hours', Math.round((ms / 3_600_000) * 10) / 10);
}

/** "arabo", "cinese semplificato": the staff's own language. */
function languageName(code: string): string {
  if (code === UNSURE_QUEUE) return 'lingua da stabilire';
  try {
    return new Intl.DisplayNames('it', { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
