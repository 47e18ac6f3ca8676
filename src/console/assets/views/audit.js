// The audit trail, for admins: who signed in, changed roles, published, answered or erased what, newest first.
import { api } from '../core/api.js';
import { errorBox, h, show, when } from '../core/dom.js';
import { session } from '../core/session.js';

const PAGE = 100;

const actorOf = (actor) => (actor.type === 'user' ? actor.email : actor.type === 'system' ? 'Sportello' : 'anonimo');
const detailsOf = (details) => Object.entries(details ?? {}).map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : value}`).join(' · ');

export async function showAudit() {
  if (session.user.role !== 'admin') return show(errorBox('Solo l’amministrazione legge il registro.'));
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const action = params.get('action') ?? '';
  const before = params.get('before') ?? '';
  const query = new URLSearchParams({ limit: String(PAGE), ...(action ? { action } : {}), ...(before ? { before } : {}) });
  const { items } = await api('GET', `/audit?${query}`);
  const filter = h('form', { class: 'actions', id: 'audit-filter' },
    h('label', { class: 'inline-label' }, 'Azione', h('input', { type: 'text', name: 'action', value: action, placeholder: 'es. announcement.published', pattern: '[a-z][a-z_.]*' })),
    h('button', { class: 'secondary', type: 'submit' }, 'Filtra'),
  );
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = String(new FormData(filter).get('action') ?? '').trim();
    location.hash = value ? `#/audit?action=${encodeURIComponent(value)}` : '#/audit';
  });
  const last = items[items.length - 1];
  const older = items.length === PAGE && last
    ? h('a', { href: `#/audit?${new URLSearchParams({ ...(action ? { action } : {}), before: last.id })}` }, 'Più vecchi')
    : null;
  show(
    h('h1', {}, 'Registro delle attività'),
    filter,
    items.length === 0 ? h('p', {}, 'Nessuna attività.') : h('table', { id: 'audit', 'data-filter': action },
      h('thead', {}, h('tr', {}, h('th', {}, 'Quando'), h('th', {}, 'Chi'), h('th', {}, 'Azione'), h('th', {}, 'Su'), h('th', {}, 'Dettagli'))),
      h('tbody', {}, items.map((e) => h('tr', { 'data-action': e.action },
        h('td', {}, when(e.at)), h('td', {}, actorOf(e.actor)), h('td', {}, e.action),
        h('td', {}, e.target ? `${e.target.type} ${e.target.id}` : '—'), h('td', { class: 'muted' }, detailsOf(e.details)))))),
    older,
  );
}
