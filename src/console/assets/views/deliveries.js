// After publishing: how far the notice got, per language and state (it moves by itself with the live stream),
// and the groups that did not get it, with the platform's reason and a retry.
import { html } from '../core/preact.js';
import { api } from '../core/api.js';
import { languageLabel, t, when } from '../core/i18n.js';
import { can } from '../core/session.js';
import { announce, Chip, ErrorBox, Loaded, More, useAction, useData, usePaged } from '../core/ui.js';
import { DELIVERY_STATES } from './announcement-rules.js';

const aboutThis = (id) => (event) => event.announcementId === id || event.id === id;

export function DeliverySummary({ a }) {
  const summary = useData(() => api('GET', `/announcements/${a.id}/deliveries/summary`), [a.id], ['delivery-progress', 'announcement'], aboutThis(a.id));
  return html`<section class="card" id="deliveries" aria-labelledby="deliveries-title">
    <${Loaded} ...${summary}>${(s) => {
      const byLanguage = new Map();
      for (const row of s.breakdown) {
        const counts = byLanguage.get(row.language) ?? {};
        counts[row.state] = (counts[row.state] ?? 0) + row.count;
        byLanguage.set(row.language, counts);
      }
      const states = DELIVERY_STATES.filter((state) => s.byState[state] > 0);
      return html`
        <h2 id="deliveries-title">${t('deliveries.title', { count: s.total })}</h2>
        <p>${states.map((state) => html`<${Chip} kind=${state}>${t(`deliveryState.${state}`)}: ${s.byState[state]}</${Chip}>`)}</p>
        ${byLanguage.size === 0 ? html`<p class="muted">${t('deliveries.none')}</p>` : html`<div class="table-wrap"><table>
          <thead><tr><th scope="col">${t('common.language')}</th>${states.map((state) => html`<th scope="col" data-state=${state}>${t(`deliveryState.${state}`)}</th>`)}</tr></thead>
          <tbody>${[...byLanguage].map(([lang, counts]) => html`<tr data-lang=${lang}><th scope="row">${languageLabel(lang)}</th>
            ${states.map((state) => html`<td data-state=${state}>${String(counts[state] ?? 0)}</td>`)}</tr>`)}</tbody>
        </table></div>`}`;
    }}</${Loaded}>
  </section>`;
}

export function FailedDeliveries({ a }) {
  const fetchPage = async (after) => {
    const page = await api('GET', `/announcements/${a.id}/deliveries?state=failed&limit=100${after ? `&after=${after}` : ''}`);
    return { items: page.items, next: page.next ?? null };
  };
  const list = usePaged(fetchPage, [a.id], ['delivery-progress'], aboutThis(a.id));
  const groups = useData(() => api('GET', '/groups').then((body) => new Map(body.items.map((g) => [`${g.account}\u0000${g.chatId}`, g.name]))), []);
  const action = useAction();
  if (!list.items || list.items.length === 0) return null;
  const retry = () => void action.run(async () => {
    const result = await api('POST', `/announcements/${a.id}/deliveries/retry`);
    announce(t('deliveries.requeued', { count: result.requeued }));
    await list.reload();
  });
  return html`<section class="card" id="failed-deliveries" aria-labelledby="failed-title">
    <h2 id="failed-title">${t('deliveries.failedTitle')}</h2>
    <p class="muted">${t('deliveries.failedIntro')}</p>
    <${ErrorBox} error=${action.error ?? list.error} />
    <div class="table-wrap"><table>
      <thead><tr><th scope="col">${t('deliveries.group')}</th><th scope="col">${t('deliveries.account')}</th><th scope="col">${t('common.language')}</th><th scope="col">${t('deliveries.attempts')}</th><th scope="col">${t('deliveries.reason')}</th><th scope="col">${t('deliveries.lastAttempt')}</th></tr></thead>
      <tbody>${list.items.map((d) => html`<tr data-delivery=${d.id} key=${d.id}>
        <td>${groups.data?.get(`${d.account}\u0000${d.chatId}`) ?? d.chatId}</td><td>${d.account}</td><td>${languageLabel(d.language)}</td>
        <td>${String(d.attempts)}</td><td class="reason">${d.reason ?? '—'}</td><td>${when(d.updatedAt)}</td></tr>`)}</tbody>
    </table></div>
    <${More} list=${list} id="failed-more" />
    ${can.write() && a.status !== 'cancelled' && a.status !== 'expired' ? html`<div class="actions"><button class="primary" type="button" name="retry-failed" disabled=${action.busy} onClick=${retry}>${t('deliveries.retry')}</button></div>` : null}
  </section>`;
}
