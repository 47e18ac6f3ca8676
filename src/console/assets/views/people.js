// Staff accounts, for admins: create, change role and languages, reset a password, disable.
import { html } from '../core/preact.js';
import { api } from '../core/api.js';
import { languageLabel, t } from '../core/i18n.js';
import { navigate } from '../core/router.js';
import { session } from '../core/session.js';
import { announce, Chip, ErrorBox, Heading, Loading, More, useAction, useForm, usePaged } from '../core/ui.js';
import { LanguageChoices } from './announcement-new.js';

const ROLES = ['admin', 'editor', 'mediator', 'viewer'];

function UserForm({ id, user, onSaved }) {
  const form = useForm({
    email: '', name: user?.name ?? '', role: user?.role ?? 'mediator', languages: user?.languages ?? [], password: '',
    emailAlerts: user?.emailAlerts ?? true, disabled: user?.disabled ?? false,
  });
  const action = useAction();
  const submit = (event) => {
    event.preventDefault();
    void action.run(async () => {
      const v = form.values;
      if (user) {
        await api('PATCH', `/users/${user.id}`, { name: v.name, role: v.role, languages: v.languages, disabled: v.disabled, emailAlerts: v.emailAlerts, ...(v.password ? { password: v.password } : {}) });
      } else {
        await api('POST', '/users', { email: v.email, name: v.name, role: v.role, languages: v.languages, emailAlerts: v.emailAlerts, password: v.password });
      }
      form.setDirty(false);
      if (!user) form.reset();
      announce(t('people.saved', { name: v.name }));
      await onSaved();
    });
  };
  return html`<form class="stack card" id=${id} onSubmit=${submit}>
    <h2>${user ? t('people.editTitle', { email: user.email }) : t('people.newTitle')}</h2>
    <${ErrorBox} error=${action.error} />
    ${user ? null : html`<label>${t('people.email')}<input type="email" name="email" required value=${form.values.email} onInput=${form.set('email')} /></label>`}
    <label>${t('people.name')}<input type="text" name="name" required value=${form.values.name} onInput=${form.set('name')} /></label>
    <label>${t('people.role')}<select name="role" value=${form.values.role} onChange=${form.set('role')}>${ROLES.map((role) => html`<option value=${role}>${t(`roles.${role}`)}</option>`)}</select></label>
    <${LanguageChoices} form=${form} name="languages" legend=${t('people.languages')} exclude="" />
    <label>${user ? t('people.newPassword') : t('people.initialPassword')}<input type="password" name="password" autocomplete="new-password" minlength="12" required=${!user} value=${form.values.password} onInput=${form.set('password')} /></label>
    <label class="inline-label"><input type="checkbox" name="emailAlerts" checked=${form.values.emailAlerts} onChange=${form.set('emailAlerts')} /> ${t('people.emailAlerts')}</label>
    ${user ? html`<label class="inline-label"><input type="checkbox" name="disabled" checked=${form.values.disabled} onChange=${form.set('disabled')} /> ${t('people.disabled')}</label>` : null}
    <div class="actions"><button class=${user ? 'primary' : 'secondary'} type="submit">${user ? t('common.save') : t('people.create')}</button></div>
  </form>`;
}

const fetchPage = async (after) => {
  const page = await api('GET', `/users?limit=50${after ? `&after=${after}` : ''}`);
  return { items: page.items, next: page.next ?? null };
};

export function People({ route }) {
  if (session.user.role !== 'admin') return html`<${Heading}>${t('people.title')}</${Heading}><p class="error" role="alert">${t('people.onlyAdmins')}</p>`;
  const list = usePaged(fetchPage, []);
  const editing = route.params.get('edit');
  const edited = list.items?.find((u) => u.id === editing);
  return html`<${Heading}>${t('people.title')}</${Heading}>
    ${edited ? html`<${UserForm} key=${edited.id} id="edit-user" user=${edited} onSaved=${async () => { await list.reload(); navigate('#/users'); }} />` : null}
    <${ErrorBox} error=${list.error} />
    ${list.items === undefined ? html`<${Loading} />` : html`<div class="table-wrap"><table id="users">
      <thead><tr><th scope="col">${t('people.name')}</th><th scope="col">${t('people.email')}</th><th scope="col">${t('people.role')}</th><th scope="col">${t('people.languagesShort')}</th><th scope="col">${t('people.alerts')}</th><th scope="col">${t('common.status')}</th><th scope="col"><span class="visually-hidden">${t('common.actions')}</span></th></tr></thead>
      <tbody>${list.items.map((u) => html`<tr data-user=${u.id} key=${u.id}>
        <td>${u.name}</td><td>${u.email}</td><td>${t(`roles.${u.role}`)}</td><td>${u.languages.map(languageLabel).join(', ') || '—'}</td>
        <td class="email-alerts">${u.emailAlerts ? t('common.yes') : t('common.no')}</td>
        <td>${u.disabled ? html`<${Chip} kind="cancelled">${t('people.disabledChip')}</${Chip}>` : html`<${Chip} kind="approved">${t('people.active')}</${Chip}>`}</td>
        <td><a href=${`#/users?edit=${u.id}`}>${t('common.edit')}</a></td>
      </tr>`)}</tbody>
    </table></div>`}
    <${More} list=${list} id="users-more" />
    <${UserForm} id="new-user" onSaved=${list.reload} />`;
}
