// The chat accounts: state (live), pace, pause, and the login code to scan, which changes by itself.
import { html } from '../core/preact.js';
import { api } from '../core/api.js';
import { consoleLanguage, t, when } from '../core/i18n.js';
import { can } from '../core/session.js';
import { announce, Chip, ErrorBox, Heading, Loaded, useAction, useData } from '../core/ui.js';

function Resume({ account, onDone }) {
  const action = useAction();
  const resume = () => void action.run(async () => {
    await api('POST', `/connectors/${encodeURIComponent(account)}/resume`);
    announce(t('channels.resumed', { account }));
    await onDone();
  });
  return html`<${ErrorBox} error=${action.error} /><button class="primary" type="button" name="resume" onClick=${resume}>${t('channels.resume')}</button>`;
}

export function Channels() {
  const accounts = useData(() => api('GET', '/connectors'), [], ['connector']);
  return html`<${Heading}>${t('channels.title')}</${Heading}>
    <p class="muted">${t('channels.intro')}</p>
    <${Loaded} ...${accounts}>${(items) => html`<div class="table-wrap"><table id="channels">
      <thead><tr><th scope="col">${t('channels.account')}</th><th scope="col">${t('channels.platform')}</th><th scope="col">${t('common.status')}</th><th scope="col">${t('channels.pause')}</th><th scope="col">${t('channels.pace')}</th><th scope="col">${t('channels.sentToday')}</th><th scope="col"><span class="visually-hidden">${t('common.actions')}</span></th></tr></thead>
      <tbody>${items.map((a) => html`<tr data-account=${a.account} key=${a.account}>
        <td>${a.account}</td><td>${a.platform}</td>
        <td data-field="state"><${Chip} kind=${a.state === 'ready' ? 'approved' : a.state === 'failed' ? 'failed' : 'needs_review'}>${t(`connectorState.${a.state}`)}</${Chip}>
          ${a.reason ? html`<span class="muted"> ${a.reason}</span>` : null}
          ${can.admin() && a.state === 'login_required' ? html`<figure class="login-qr">
            <img src=${`/api/v1/connectors/${encodeURIComponent(a.account)}/login-qr.svg?code=${encodeURIComponent((a.qr ?? '').slice(-16))}`} alt=${t('channels.qrAlt', { account: a.account })} width="220" height="220" />
            <figcaption class="muted">${a.platform === 'wechat' ? t('channels.qrWechat') : t('channels.qrWhatsapp')}</figcaption></figure>` : null}</td>
        <td>${a.paused ? html`<${Chip} kind="failed">${t('channels.paused')}</${Chip}><span class="muted"> ${a.pausedReason ?? ''} (${when(a.pausedSince)})</span>` : '—'}</td>
        <td>${a.rateLimit ? t('channels.paceText', { seconds: (a.rateLimit.minIntervalMs / 1000).toLocaleString(consoleLanguage()), cap: a.rateLimit.dailyCap }) : '—'}</td>
        <td data-field="sent-today">${a.rateLimit ? t('channels.sentOf', { sent: a.sentToday ?? 0, cap: a.rateLimit.dailyCap }) : '—'}</td>
        <td>${can.admin() && a.paused ? html`<${Resume} account=${a.account} onDone=${accounts.reload} />` : null}</td>
      </tr>`)}</tbody>
    </table></div>`}</${Loaded}>`;
}
