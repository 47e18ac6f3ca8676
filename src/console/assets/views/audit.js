// The activity log, for admins, in words: who did what to which thing, newest first, page by page.
import { html } from '../core/preact.js';
import { api } from '../core/api.js';
import { languageLabel, t, when } from '../core/i18n.js';
import { navigate } from '../core/router.js';
import { session } from '../core/session.js';
import { ErrorBox, Heading, Loading, More, useData, useForm, usePaged } from '../core/ui.js';

const ACTIONS = [
  'auth.login', 'auth.login_failed', 'auth.logout', 'auth.password_changed', 'auth.password_change_failed', 'user.created', 'user.role_changed', 'user.password_reset', 'user.disabled', 'user.enabled',
  'token.created', 'token.revoked', 'announcement.published', 'announcement.cancelled', 'inbox.assigned', 'inbox.replied', 'inbox.noted', 'inbox.closed',
  'inbox.reopened', 'inbox.routed', 'inbox.retried', 'inbox.subscribed', 'inbox.unsubscribed', 'inbox.subscription_topics_changed', 'inbox.exported', 'inbox.erased',
  'inbox.saved_reply_created', 'inbox.saved_reply_updated', 'inbox.saved_reply_deleted',
];

const PAGE = 50;

/** The details worth reading (a role, languages, a language): never ids. */
function detailsInWords(details) {
  const words = [];
  if (details?.role) words.push(t(`roles.${details.role}`));
  if (details?.from && details?.to && typeof details.to === 'string') words.push(`${t(`roles.${details.from}`, { defaultValue: details.from })} → ${t(`roles.${details.to}`, { defaultValue: details.to })}`);
  if (Array.isArray(details?.languages) && details.languages.length) words.push(details.languages.map(languageLabel).join(', '));
  if (typeof details?.language === 'string') words.push(languageLabel(details.language));
  if (typeof details?.name === 'string') words.push(`«${details.name}»`);
  if (typeof details?.title === 'string') words.push(`«${details.title}»`);
  if (Array.isArray(details?.scopes)) words.push(details.scopes.join(', '));
  return words.join(' · ');
}

export function Audit({ route }) {
  const action = route.params.get('action') ?? '';
  const people = useData(() => api('GET', '/users?limit=200').then((body) => new Map(body.items.map((u) => [u.id, u.name]))), []);
  const fetchPage = async (before) => {
    const query = new URLSearchParams({ limit: String(PAGE), ...(action ? { action } : {}), ...(before ? { before } : {}) });
    const page = await api('GET', `/audit?${query}`);
    return { items: page.items, next: page.next ?? null };
  };
  const list = usePaged(fetchPage, [action]);
  const filter = useForm({ action }, { guard: false });
  if (session.user.role !== 'admin') return html`<${Heading}>${t('audit.title')}</${Heading}><p class="error" role="alert">${t('audit.onlyAdmins')}</p>`;
  const actor = (a) => (a.type === 'user' ? a.email ?? people.data?.get(a.id) ?? t('audit.someone') : a.type === 'system' ? 'Sportello' : t('audit.anonymous'));
  const target = (e) => {
    if (!e.target) return '—';
    if (e.targetLabel) return `${t(`audit.target.${e.target.type}`, { defaultValue: '' })} «${e.targetLabel}»`.trim();
    if (e.target.type === 'user') return people.data?.get(e.target.id) ?? t('audit.target.user');
    return t(`audit.target.${e.target.type}`, { defaultValue: t('audit.target.other') });
  };
  const submit = (event) => {
    event.preventDefault();
    filter.setDirty(false);
    navigate(filter.values.action ? `#/audit?action=${encodeURIComponent(filter.values.action)}` : '#/audit');
  };
  return html`<${Heading}>${t('audit.title')}</${Heading}>
    <form class="filters" id="audit-filter" onSubmit=${submit}>
      <label class="inline-label">${t('audit.action')}<select name="action" value=${filter.values.action} onChange=${filter.set('action')}>
        <option value="">${t('audit.allActions')}</option>
        ${ACTIONS.map((a) => html`<option value=${a}>${t(`audit.actions.${a}`, { defaultValue: a })}</option>`)}
      </select></label>
      <button class="secondary" type="submit">${t('common.filter')}</button>
    </form>
    <${ErrorBox} error=${list.error} />
    ${list.items === undefined ? html`<${Loading} />` : list.items.length === 0 ? html`<p class="empty">${t('audit.none')}</p>` : html`<div class="table-wrap"><table id="audit" data-filter=${action}>
      <thead><tr><th scope="col">${t('audit.when')}</th><th scope="col">${t('audit.who')}</th><th scope="col">${t('audit.what')}</th><th scope="col">${t('audit.on')}</th><th scope="col">${t('audit.details')}</th></tr></thead>
      <tbody>${list.items.map((e) => html`<tr data-action=${e.action} key=${e.id}>
        <td>${when(e.at)}</td><td>${actor(e.actor)}</td><td>${t(`audit.actions.${e.action}`, { defaultValue: e.action })}</td>
        <td>${target(e)}</td><td class="muted">${detailsInWords(e.details)}</td></tr>`)}</tbody>
    </table></div>`}
    <${More} list=${list} id="audit-more" />`;
}
