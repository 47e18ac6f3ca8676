// API tokens, for scripts and integrations. Each person manages their own; admins also those of others. The
// secret is shown once, right after it is made.
import { html, useState } from '../core/preact.js';
import { api } from '../core/api.js';
import { t, when } from '../core/i18n.js';
import { navigate } from '../core/router.js';
import { can, session } from '../core/session.js';
import { announce, Chip, ErrorBox, Heading, Loaded, useAction, useData, useForm } from '../core/ui.js';

const SCOPES = ['*', 'announcements:read', 'announcements:write', 'announcements:publish', 'translations:write', 'translations:approve', 'groups:read', 'groups:write',
  'deliveries:read', 'deliveries:write', 'inbox:read', 'inbox:write', 'inbox:privacy', 'connectors:admin', 'users:admin', 'tokens:write', 'audit:read'];
const scopeName = (scope) => t(`scopes.${scope.replace(':', '_').replace('*', 'all')}`);

function NewTokenForm({ owner, onIssued }) {
  const form = useForm({ name: '', scopes: [] });
  const action = useAction();
  const submit = (event) => {
    event.preventDefault();
    void action.run(async () => {
      const issued = await api('POST', '/tokens', { name: form.values.name, scopes: form.values.scopes, ...(owner ? { userId: owner } : {}) });
      form.reset();
      await onIssued(issued);
    });
  };
  return html`<form class="stack card" id="new-token" onSubmit=${submit}>
    <h2>${t('tokens.newTitle')}</h2>
    <${ErrorBox} error=${action.error} />
    <label>${t('tokens.name')}<input type="text" name="name" required maxlength="80" value=${form.values.name} onInput=${form.set('name')} /></label>
    <fieldset class="choices"><legend>${t('tokens.scopes')}</legend>
      ${SCOPES.map((scope) => html`<label><input type="checkbox" name="scopes" value=${scope} checked=${form.values.scopes.includes(scope)} onChange=${form.toggle('scopes', scope)} /> ${scopeName(scope)} <code>${scope}</code></label>`)}
    </fieldset>
    <div class="actions"><button class="primary" type="submit">${t('tokens.create')}</button></div>
  </form>`;
}

function Revoke({ token, onDone }) {
  const action = useAction();
  const revoke = () => void action.run(async () => {
    if (!window.confirm(t('tokens.revokeConfirm', { name: token.name }))) return;
    await api('DELETE', `/tokens/${token.id}`);
    announce(t('tokens.revoked', { name: token.name }));
    await onDone();
  });
  return html`<button type="button" class="secondary danger" name="revoke" onClick=${revoke}>${t('tokens.revoke')}</button><${ErrorBox} error=${action.error} />`;
}

export function Tokens({ route }) {
  const admin = session.user.role === 'admin';
  const owner = admin ? route.params.get('user') : null;
  const [issued, setIssued] = useState(null);
  const tokens = useData(() => api('GET', `/tokens${owner ? `?userId=${encodeURIComponent(owner)}` : ''}`).then((body) => body.items), [owner]);
  const people = useData(() => (admin ? api('GET', '/users?limit=200').then((body) => body.items) : Promise.resolve([])), []);
  return html`<${Heading}>${t('tokens.title')}</${Heading}>
    ${issued ? html`<div class="card notice-box" id="token-secret" role="status">
      <h2>${t('tokens.issued', { name: issued.name })}</h2><p>${t('tokens.copyNow')}</p>
      <input type="text" readonly value=${issued.token} aria-label=${t('tokens.secret')} size="60" /></div>` : null}
    <p>${t('tokens.intro')} <a href="/api/docs">${t('tokens.docs')}</a></p>
    ${admin && people.data ? html`<label id="token-owner" class="inline-label">${t('tokens.of')}<select name="user" value=${owner ?? session.user.id} onChange=${(event) => navigate(`#/tokens?user=${event.currentTarget.value}`)}>
      ${people.data.map((p) => html`<option value=${p.id}>${`${p.name} <${p.email}>`}</option>`)}</select></label>` : null}
    <${Loaded} ...${tokens}>${(items) => html`<div class="table-wrap"><table id="tokens">
      <thead><tr><th scope="col">${t('tokens.name')}</th><th scope="col">${t('tokens.prefix')}</th><th scope="col">${t('tokens.scopes')}</th><th scope="col">${t('tokens.created')}</th><th scope="col">${t('tokens.lastUsed')}</th><th scope="col">${t('common.status')}</th><th scope="col"><span class="visually-hidden">${t('common.actions')}</span></th></tr></thead>
      <tbody>${items.length === 0 ? html`<tr><td colspan="7">${t('tokens.none')}</td></tr>` : items.map((tok) => html`<tr data-token=${tok.id} key=${tok.id}>
        <td>${tok.name}</td><td><code>${tok.prefix}…</code></td><td>${tok.scopes.map(scopeName).join(', ')}</td>
        <td>${when(tok.createdAt)}</td><td>${when(tok.lastUsedAt)}</td>
        <td>${tok.revokedAt ? html`<${Chip} kind="cancelled">${t('tokens.revokedAt', { at: when(tok.revokedAt) })}</${Chip}>` : html`<${Chip} kind="approved">${t('tokens.active')}</${Chip}>`}</td>
        <td>${tok.revokedAt || !can.issueTokens() ? null : html`<${Revoke} token=${tok} onDone=${tokens.reload} />`}</td></tr>`)}</tbody>
    </table></div>`}</${Loaded}>
    ${can.issueTokens() ? html`<${NewTokenForm} owner=${owner} onIssued=${async (created) => { setIssued(created); await tokens.reload(); }} />` : html`<p>${t('tokens.viewers')}</p>`}`;
}
