// API tokens, for scripts and integrations (a content import, the town's website reading the notices). Each
// person manages their own; admins also those of others. The secret is shown once, right after it is made.
import { api } from '../core/api.js';
import { attempt, chip, h, show, when } from '../core/dom.js';
import { refresh } from '../core/navigation.js';
import { can, session } from '../core/session.js';

const SCOPES = {
  '*': 'tutto ciò che il ruolo permette',
  'announcements:read': 'leggere gli avvisi',
  'announcements:write': 'scrivere avvisi',
  'announcements:publish': 'pubblicare e annullare',
  'translations:write': 'scrivere traduzioni',
  'translations:approve': 'approvare traduzioni',
  'groups:read': 'leggere i gruppi',
  'groups:write': 'gestire i gruppi',
  'deliveries:read': 'leggere gli invii',
  'deliveries:write': 'riprovare gli invii',
  'inbox:work': 'domande dei cittadini',
  'connectors:admin': 'canali (amministrazione)',
  'users:admin': 'persone (amministrazione)',
  'tokens:write': 'creare e revocare token',
  'audit:read': 'registro attività',
};

/** The secret of the token just made: kept only until the page is drawn again. */
let justIssued = null;

function issuedBox() {
  if (!justIssued) return null;
  const box = h('div', { class: 'card', id: 'token-secret', role: 'status' },
    h('h2', {}, `Token creato: ${justIssued.name}`),
    h('p', {}, 'Copialo ora e conservalo come una password: non sarà più mostrato.'),
    h('input', { type: 'text', readonly: true, value: justIssued.token, 'aria-label': 'Token', size: 60 }));
  justIssued = null;
  return box;
}

export async function showTokens() {
  const admin = session.user.role === 'admin';
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const owner = admin ? params.get('user') : null;
  const [{ items }, people] = await Promise.all([
    api('GET', `/tokens${owner ? `?userId=${encodeURIComponent(owner)}` : ''}`),
    admin ? api('GET', '/users?limit=200').then((body) => body.items) : Promise.resolve([]),
  ]);
  const parts = [h('h1', {}, 'Token API'), issuedBox(),
    h('p', {}, 'Per programmi e integrazioni: chi usa un token agisce come la persona a cui appartiene, entro gli ambiti scelti. ',
      h('a', { href: '/api/docs' }, 'Documentazione dell’API'))];
  if (admin) {
    const pick = h('select', { name: 'user', 'aria-label': 'Di chi' },
      people.map((p) => h('option', { value: p.id, selected: p.id === (owner ?? session.user.id) }, `${p.name} <${p.email}>`)));
    pick.addEventListener('change', () => { location.hash = `#/tokens?user=${pick.value}`; });
    parts.push(h('label', { id: 'token-owner' }, 'Token di ', pick));
  }
  parts.push(h('table', { id: 'tokens' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Nome'), h('th', {}, 'Inizio'), h('th', {}, 'Ambiti'), h('th', {}, 'Creato'), h('th', {}, 'Ultimo uso'), h('th', {}, 'Stato'), h('th', {}, ''))),
    h('tbody', {}, items.length === 0
      ? h('tr', {}, h('td', { colspan: 7 }, 'Nessun token.'))
      : items.map((t) => h('tr', { 'data-token': t.id },
        h('td', {}, t.name), h('td', {}, h('code', {}, `${t.prefix}…`)), h('td', {}, t.scopes.map((s) => SCOPES[s] ?? s).join(', ')),
        h('td', {}, when(t.createdAt)), h('td', {}, when(t.lastUsedAt)),
        h('td', {}, t.revokedAt ? chip(`revocato ${when(t.revokedAt)}`, 'cancelled') : chip('attivo', 'approved')),
        h('td', {}, t.revokedAt || !can.issueTokens() ? '' : revokeButton(t)))))));
  if (can.issueTokens()) parts.push(newTokenForm(owner));
  else parts.push(h('p', {}, 'Chi consulta soltanto non crea token: chiedilo all’amministrazione.'));
  show(...parts);
}

function revokeButton(token) {
  const button = h('button', { type: 'button', class: 'secondary' }, 'Revoca');
  button.addEventListener('click', () => {
    if (!confirm(`Revocare «${token.name}»? I programmi che lo usano smetteranno di funzionare.`)) return;
    void attempt(document.getElementById('main'), async () => {
      await api('DELETE', `/tokens/${token.id}`);
      await refresh();
    });
  });
  return button;
}

function newTokenForm(owner) {
  const form = h('form', { class: 'stack card', id: 'new-token' }, h('h2', {}, 'Nuovo token'),
    h('label', {}, 'Nome (a cosa serve)', h('input', { type: 'text', name: 'name', required: true, maxlength: 80 })),
    h('fieldset', {}, h('legend', {}, 'Ambiti'),
      Object.entries(SCOPES).map(([value, label]) => h('label', {}, h('input', { type: 'checkbox', name: 'scopes', value }), ` ${label} (${value})`))),
    h('div', { class: 'actions' }, h('button', { class: 'primary', type: 'submit' }, 'Crea token')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    void attempt(form, async () => {
      const issued = await api('POST', '/tokens', { name: data.get('name'), scopes: data.getAll('scopes'), ...(owner ? { userId: owner } : {}) });
      justIssued = { name: issued.name, token: issued.token };
      await refresh();
    });
  });
  return form;
}
