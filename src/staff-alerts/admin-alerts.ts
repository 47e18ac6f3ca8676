import type { Logger } from '../platform/logging/logger.js';
import type { Mailer } from '../platform/mail/mailer.port.js';

export interface AdminAlertsDeps {
  mailer: Mailer;
  /** The e-mail addresses of the enabled admins, read at each alert (accounts change). */
  admins: () => Promise<string[]>;
  /** The service's public address, for links to the console. */
  consoleUrl: () => string;
  log: Logger;
}

/** A chat account's connection, as the connectors report it. */
export type ConnectionStatus = 'starting' | 'login_required' | 'ready' | 'reconnecting' | 'failed' | 'stopped';

/**
 * What admins must hear about without watching the console: a chat account paused after repeated rate limits
 * (nothing leaves it until someone resumes it), or one that needs its QR code scanned again or stopped
 * answering. One e-mail per admin per event, in Italian; an account that keeps failing is reported once until it
 * is ready again. Best effort: an alert that cannot be sent is logged, and the console and `/metrics` still show it.
 */
export class AdminAlerts {
  /** Per account, the connection trouble already reported; cleared when it is ready again. */
  private readonly reported = new Map<string, ConnectionStatus>();

  constructor(private readonly deps: AdminAlertsDeps) {}

  async accountPaused(account: string, reason: string): Promise<void> {
    await this.tellAdmins(`Sportello: l'account ${account} è in pausa`, [
      `L'account ${account} è stato messo in pausa: la piattaforma ha limitato l'invio (${reason}).`,
      '',
      'Nessun messaggio è perso: avvisi e risposte restano in coda finché un amministratore non lo riprende.',
      'Prima di riprenderlo, aspetti che la piattaforma torni a rispondere, o riduca il ritmo dell’account.',
      '',
      `Canali nella console: ${this.deps.consoleUrl()}/console/#/channels`,
    ]);
  }

  async connectionChanged(account: string, status: ConnectionStatus): Promise<void> {
    if (status === 'ready' || status === 'stopped') {
      this.reported.delete(account);
      return;
    }
    if ((status !== 'login_required' && status !== 'failed') || this.reported.get(account) === status) return;
    this.reported.set(account, status);
    const link = `Canali nella console: ${this.deps.consoleUrl()}/console/#/channels`;
    if (status === 'login_required') {
      await this.tellAdmins(`Sportello: l'account ${account} va ricollegato`, [
        `L'account ${account} si è scollegato e chiede di nuovo l'accesso: finché non è ricollegato non riceve le domande dei cittadini e non invia nulla.`,
        '',
        'Apra la pagina Canali della console e inquadri il codice QR con il telefono dell’account (WhatsApp: Dispositivi collegati).',
        '',
        link,
      ]);
    } else {
      await this.tellAdmins(`Sportello: l'account ${account} non risponde`, [
        `L'account ${account} non riesce a collegarsi alla piattaforma. Sportello riprova da solo, a intervalli crescenti; i messaggi restano in coda.`,
        '',
        link,
      ]);
    }
  }

  private async tellAdmins(subject: string, lines: string[]): Promise<void> {
    try {
      const admins = await this.deps.admins();
      for (const to of admins) await this.deps.mailer.send({ to, subject, text: lines.join('\n') });
      this.deps.log.info({ subject, admins: admins.length }, 'admins alerted');
    } catch (error) {
      this.deps.log.warn({ err: error, subject }, 'could not e-mail the admins; the console and /metrics still show it');
    }
  }
}
