// The community groups: register an account's groups, then tune each one.
import { api } from '../core/api.js';
import { attempt, chip, h, show } from '../core/dom.js';
import { refresh } from '../core/navigation.js';
import { can, languageList, languageName } from '../core/session.js';
import { TOPIC_NAMES, TOPICS } from '../core/labels.js';

function groupForm(group, onSaved) {
  const form = h('form', { class: 'stack', 'data-group': group.id },
    h('label', {}, 'Lingua', h('select', { name: 'language' }, languageList().map((l) => h('option', { value: l.code, selected: l.code === group.language }, `${l.name} (${l.code})`)))),
    h('fieldset', {}, h('legend', {}, 'Argomenti (nessuno: tutti)'),
      TOPICS.map((t) => h('label', {}, h('input', { type: 'checkbox', name: 'topics', value: t, checked: group.topics.includes(t) }), TOPIC_NAMES[t]))),
    h('label', {}, h('input', { type: 'checkbox', name: 'enabled', checked: group.enabled }), ' riceve gli avvisi'),
    h('fieldset', {}, h('legend', {}, 'Ore di silenzio (gli avvisi normali aspettano il mattino; gli urgenti partono comunque)'),
      h('label', {}, 'dalle ', h('input', { type: 'time', name: 'quietFrom', value: group.quietHours?.from ?? '' })),
      h('label', {}, 'alle ', h('input', { type: 'time', name: 'quietTo', value: group.quietHours?.to ?? '' }))),
    h('div', { class: 'actions' }, h('button', { class: 'primary', type: 'submit' }, 'Salva')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const from = String(data.get('quietFrom') ?? '');
    const to = String(data.get('quietTo') ?? '');
    void attempt(form, async () => {
      await api('PUT', `/groups/${group.id}`, {
        account: group.account, chatId: group.chatId, name: group.name,
        language: data.get('language'), topics: data.getAll('topics'), enabled: data.get('enabled') === 'on',
        ...(from || to ? { quietHours: { from, to } } : {}),
      });
      await onSaved();
    });
  });
  return form;
}

export async function showGroups() {
  const { items } = await api('GET', '/groups');
  const editing = new URLSearchParams(location.hash.split('?')[1] ?? '').get('edit');
  const rows = items.map((g) => h('tr', { 'data-group': g.id },
    h('td', {}, g.name),
    h('td', {}, g.account),
    h('td', {}, `${languageName(g.language)} (${g.language})`),
    h('td', {}, g.topics.length ? g.topics.map((t) => TOPIC_NAMES[t] ?? t).join(', ') : 'tutti'),
    h('td', {}, g.enabled ? chip('attivo', 'approved') : chip('escluso', 'cancelled')),
    h('td', {}, g.quietHours ? `${g.quietHours.from}–${g.quietHours.to}` : '—'),
    h('td', {}, can.write() ? h('a', { href: `#/groups?edit=${g.id}` }, 'Modifica') : null),
  ));
  const parts = [h('h1', {}, 'Gruppi delle comunità')];
  const edited = items.find((g) => g.id === editing);
  if (edited && can.write()) {
    parts.push(h('section', { class: 'card', id: 'edit-group' }, h('h2', {}, `Modifica: ${edited.name}`), groupForm(edited, async () => {
      location.hash = '#/groups';
    })));
  }
  parts.push(items.length === 0
    ? h('p', {}, 'Nessun gruppo registrato.')
    : h('table', { id: 'groups' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Nome'), h('th', {}, 'Account'), h('th', {}, 'Lingua'), h('th', {}, 'Argomenti'), h('th', {}, 'Stato'), h('th', {}, 'Silenzio'), h('th', {}, ''))),
      h('tbody', {}, rows)));
  if (can.write()) {
    const accounts = await api('GET', '/connectors');
    const importForm = h('form', { class: 'stack card', id: 'import-groups' },
      h('h2', {}, 'Registra i gruppi di un account'),
      h('p', { class: 'muted' }, 'Tutti i gruppi in cui l’account è presente e che non sono ancora registrati, con la lingua scelta qui (si può cambiare dopo, gruppo per gruppo).'),
      h('label', {}, 'Account', h('select', { name: 'account' }, accounts.map((a) => h('option', { value: a.account }, `${a.account} (${a.platform})`)))),
      h('label', {}, 'Lingua', h('select', { name: 'language' }, languageList().map((l) => h('option', { value: l.code }, `${l.name} (${l.code})`)))),
      h('div', { class: 'actions' }, h('button', { class: 'secondary', type: 'submit' }, 'Registra')),
    );
    importForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(importForm);
      void attempt(importForm, async () => {
        await api('POST', '/groups/import', { account: data.get('account'), language: data.get('language') });
        await refresh();
      });
    });
    parts.push(importForm);
  }
  show(...parts);
}
