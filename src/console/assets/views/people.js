// Staff accounts, for admins.
import { api } from '../core/api.js';
import { attempt, chip, errorBox, h, show } from '../core/dom.js';
import { refresh } from '../core/navigation.js';
import { languageList, session } from '../core/session.js';
import { ROLE_NAMES } from '../core/labels.js';

/** Name, role and languages of a staff member; a password only when creating one or resetting it. */
function userFields(user) {
  return [
    user ? null : h('label', {}, 'E-mail', h('input', { type: 'email', name: 'email', required: true })),
    h('label', {}, 'Nome', h('input', { type: 'text', name: 'name', required: true, value: user?.name ?? '' })),
    h('label', {}, 'Ruolo', h('select', { name: 'role' }, Object.entries(ROLE_NAMES).map(([value, name]) => h('option', { value, selected: value === (user?.role ?? 'mediator') }, name)))),
    h('fieldset', {}, h('legend', {}, 'Lingue (per la mediazione)'),
      languageList().map((l) => h('label', {}, h('input', { type: 'checkbox', name: 'languages', value: l.code, checked: user?.languages.includes(l.code) }), `${l.name} (${l.code})`))),
    h('label', {}, user ? 'Nuova password (facoltativa, almeno 12 caratteri)' : 'Password iniziale (almeno 12 caratteri)',
      h('input', { type: 'password', name: 'password', autocomplete: 'new-password', minlength: 12, required: !user })),
    h('label', {}, h('input', { type: 'checkbox', name: 'emailAlerts', checked: user?.emailAlerts ?? true }),
      ' riceve gli avvisi via e-mail (cittadini in attesa nelle sue lingue; per l’amministrazione, anche i canali da sistemare)'),
    user ? h('label', {}, h('input', { type: 'checkbox', name: 'disabled', checked: user.disabled }), ' disattivato (non può più entrare)') : null,
  ];
}

export async function showUsers() {
  if (session.user.role !== 'admin') return show(errorBox('Solo l’amministrazione gestisce le persone.'));
  const { items } = await api('GET', '/users?limit=200');
  const editing = new URLSearchParams(location.hash.split('?')[1] ?? '').get('edit');
  const parts = [h('h1', {}, 'Persone dello sportello')];
  const edited = items.find((u) => u.id === editing);
  if (edited) {
    const form = h('form', { class: 'stack card', id: 'edit-user' }, h('h2', {}, `Modifica: ${edited.email}`), userFields(edited),
      h('div', { class: 'actions' }, h('button', { class: 'primary', type: 'submit' }, 'Salva')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(form);
      void attempt(form, async () => {
        const password = String(data.get('password') ?? '');
        await api('PATCH', `/users/${edited.id}`, {
          name: data.get('name'), role: data.get('role'), languages: data.getAll('languages'), disabled: data.get('disabled') === 'on',
          emailAlerts: data.get('emailAlerts') === 'on',
          ...(password ? { password } : {}),
        });
        location.hash = '#/users';
      });
    });
    parts.push(form);
  }
  parts.push(h('table', { id: 'users' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Nome'), h('th', {}, 'E-mail'), h('th', {}, 'Ruolo'), h('th', {}, 'Lingue'), h('th', {}, 'Avvisi e-mail'), h('th', {}, 'Stato'), h('th', {}, ''))),
    h('tbody', {}, items.map((u) => h('tr', { 'data-user': u.id },
      h('td', {}, u.name), h('td', {}, u.email), h('td', {}, ROLE_NAMES[u.role] ?? u.role), h('td', {}, u.languages.join(', ') || '—'),
      h('td', { class: 'email-alerts' }, u.emailAlerts ? 'sì' : 'no'),
      h('td', {}, u.disabled ? chip('disattivato', 'cancelled') : chip('attivo', 'approved')),
      h('td', {}, h('a', { href: `#/users?edit=${u.id}` }, 'Modifica')))))));
  const create = h('form', { class: 'stack card', id: 'new-user' }, h('h2', {}, 'Nuova persona'), userFields(undefined),
    h('div', { class: 'actions' }, h('button', { class: 'secondary', type: 'submit' }, 'Crea')));
  create.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(create);
    void attempt(create, async () => {
      await api('POST', '/users', {
        email: data.get('email'), name: data.get('name'), role: data.get('role'), languages: data.getAll('languages'),
        emailAlerts: data.get('emailAlerts') === 'on', password: data.get('password'),
      });
      await refresh();
    });
  });
  parts.push(create);
  show(...parts);
}
