// The chat accounts: state, pace, pause, and the login code to scan.
import { api } from '../core/api.js';
import { attempt, chip, h, show, when } from '../core/dom.js';
import { refresh } from '../core/navigation.js';
import { session } from '../core/session.js';
import { CONNECTOR_STATE } from '../core/labels.js';

export async function showChannels() {
  const accounts = await api('GET', '/connectors');
  const rows = accounts.map((a) => {
    const resume = session.user.role === 'admin' && a.paused
      ? h('button', {
        class: 'primary', type: 'button', name: 'resume',
        onclick: (event) => void attempt(event.target.closest('td'), async () => {
          await api('POST', `/connectors/${encodeURIComponent(a.account)}/resume`);
          await refresh();
        }),
      }, 'Riprendi gli invii')
      : null;
    const login = session.user.role === 'admin' && a.state === 'login_required'
      ? h('figure', { class: 'login-qr' },
        // The URL changes with each new code, so a refreshed page never shows a stale one from the cache.
        h('img', { src: `/api/v1/connectors/${encodeURIComponent(a.account)}/login-qr.svg?at=${Date.now()}`, alt: `Codice di accesso per ${a.account}`, width: 220, height: 220 }),
        h('figcaption', { class: 'muted' }, a.platform === 'wechat'
          ? 'Scansiona con WeChat sul telefono dell’account.'
          : 'Sul telefono dell’account: WhatsApp › Dispositivi collegati › Collega un dispositivo, poi inquadra il codice.'))
      : null;
    return h('tr', { 'data-account': a.account },
      h('td', {}, a.account),
      h('td', {}, a.platform),
      h('td', {}, chip(CONNECTOR_STATE[a.state] ?? a.state, a.state === 'ready' ? 'approved' : a.state === 'failed' ? 'failed' : ''), a.reason ? h('span', { class: 'muted' }, ` ${a.reason}`) : null, login),
      h('td', {}, a.paused ? [chip('in pausa', 'failed'), h('span', { class: 'muted' }, ` ${a.pausedReason ?? ''} (${when(a.pausedSince)})`)] : '—'),
      h('td', {}, a.rateLimit ? `1 ogni ${(a.rateLimit.minIntervalMs / 1000).toLocaleString('it-IT')} s, massimo ${a.rateLimit.dailyCap} al giorno` : '—'),
      h('td', { 'data-field': 'sent-today' }, a.rateLimit ? `${a.sentToday ?? 0} di ${a.rateLimit.dailyCap}` : '—'),
      h('td', {}, resume),
    );
  });
  show(
    h('h1', {}, 'Canali (account WeChat e WhatsApp)'),
    h('p', { class: 'muted' }, 'Un account in pausa ha ricevuto troppi “rallenta” dalla piattaforma: i suoi messaggi aspettano, nessuno è perso, finché l’amministrazione non riprende gli invii.'),
    h('table', { id: 'channels' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Account'), h('th', {}, 'Piattaforma'), h('th', {}, 'Stato'), h('th', {}, 'Pausa'), h('th', {}, 'Ritmo'), h('th', {}, 'Inviati oggi'), h('th', {}, ''))),
      h('tbody', {}, rows)),
  );
}
