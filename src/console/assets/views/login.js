// Signing in, and the bar once signed in.
import { api } from '../core/api.js';
import { attempt, h, show } from '../core/dom.js';
import { refresh } from '../core/navigation.js';
import { can, session } from '../core/session.js';
import { ROLE_NAMES } from '../core/labels.js';

export function showLogin(message) {
  document.getElementById('nav').hidden = true;
  const form = h('form', { class: 'stack card', id: 'login' },
    h('h1', {}, 'Accesso del personale'),
    message ? h('p', { class: 'error', role: 'alert' }, message) : null,
    h('label', {}, 'E-mail', h('input', { type: 'email', name: 'email', required: true, autocomplete: 'username' })),
    h('label', {}, 'Password', h('input', { type: 'password', name: 'password', required: true, autocomplete: 'current-password' })),
    h('div', { class: 'actions' }, h('button', { class: 'primary', type: 'submit' }, 'Entra')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    void attempt(form, async () => {
      const signedIn = await api('POST', '/auth/login', { email: data.get('email'), password: data.get('password') });
      session.user = signedIn.user;
      session.csrfToken = signedIn.csrfToken;
      await refresh();
    });
  });
  show(form);
}

export function showSignedIn() {
  document.getElementById('nav').hidden = false;
  document.getElementById('nav-new').hidden = !can.write();
  document.getElementById('nav-users').hidden = session.user.role !== 'admin';
  document.getElementById('nav-audit').hidden = session.user.role !== 'admin';
  const langs = session.user.languages.length ? ` · ${session.user.languages.join(', ')}` : '';
  document.getElementById('who').textContent = `${session.user.email} (${ROLE_NAMES[session.user.role] ?? session.user.role}${langs})`;
}
