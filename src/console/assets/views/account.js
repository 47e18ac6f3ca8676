// The signed-in person's own account: the console's language and their password (other sessions end).
import { html } from '../core/preact.js';
import { api } from '../core/api.js';
import { CONSOLE_LANGUAGES, t } from '../core/i18n.js';
import { session } from '../core/session.js';
import { announce, ErrorBox, Heading, useAction, useForm } from '../core/ui.js';

function PasswordForm() {
  const form = useForm({ currentPassword: '', newPassword: '', repeat: '' });
  const action = useAction();
  const submit = (event) => {
    event.preventDefault();
    void action.run(async () => {
      if (form.values.newPassword !== form.values.repeat) throw new Error(t('account.mismatch'));
      await api('POST', '/auth/password', { currentPassword: form.values.currentPassword, newPassword: form.values.newPassword });
      form.reset();
      announce(t('account.passwordChanged'));
    });
  };
  return html`<form class="stack card" id="change-password" onSubmit=${submit}>
    <h2>${t('account.passwordTitle')}</h2>
    <p class="muted">${t('account.passwordIntro')}</p>
    <${ErrorBox} error=${action.error} />
    <label>${t('account.current')}<input type="password" name="currentPassword" required autocomplete="current-password" value=${form.values.currentPassword} onInput=${form.set('currentPassword')} /></label>
    <label>${t('account.new')}<input type="password" name="newPassword" required minlength="12" autocomplete="new-password" value=${form.values.newPassword} onInput=${form.set('newPassword')} /></label>
    <label>${t('account.repeat')}<input type="password" name="repeat" required minlength="12" autocomplete="new-password" value=${form.values.repeat} onInput=${form.set('repeat')} /></label>
    <div class="actions"><button class="primary" type="submit" disabled=${action.busy}>${t('account.change')}</button></div>
  </form>`;
}

export function Account() {
  const user = session.user;
  return html`<${Heading}>${t('account.title')}</${Heading}>
    <section class="card" id="me"><dl class="facts">
      <dt>${t('people.email')}</dt><dd>${user.email}</dd>
      <dt>${t('people.role')}</dt><dd>${t(`roles.${user.role}`)}</dd>
      ${user.languages.length ? html`<dt>${t('people.languages')}</dt><dd>${user.languages.join(', ')}</dd>` : null}
      <dt>${t('account.consoleLanguage')}</dt><dd>${CONSOLE_LANGUAGES.map((lng) => t(`consoleLanguages.${lng}`)).join(' · ')} — ${t('account.languageHint')}</dd>
    </dl></section>
    <${PasswordForm} />`;
}
