// Signing in.
import { html } from '../core/preact.js';
import { api } from '../core/api.js';
import { t } from '../core/i18n.js';
import { ErrorBox, useAction, useForm } from '../core/ui.js';

export function LoginPage({ expired, onSignedIn }) {
  const form = useForm({ email: '', password: '' }, { guard: false });
  const action = useAction();
  const submit = (event) => {
    event.preventDefault();
    void action.run(async () => {
      const signedIn = await api('POST', '/auth/login', { email: form.values.email, password: form.values.password });
      form.setDirty(false);
      await onSignedIn(signedIn);
    });
  };
  return html`<div class="signin-box">
    <p class="brand-large">Sportello <span>${t('brand.office')}</span></p>
    <form class="stack card" id="login" onSubmit=${submit}>
      <h1 tabindex="-1">${t('login.title')}</h1>
      ${expired && !action.error ? html`<p class="error" role="alert">${t('login.expired')}</p>` : null}
      <${ErrorBox} error=${action.error} />
      <label>${t('login.email')}<input type="email" name="email" required autocomplete="username" value=${form.values.email} onInput=${form.set('email')} /></label>
      <label>${t('login.password')}<input type="password" name="password" required autocomplete="current-password" value=${form.values.password} onInput=${form.set('password')} /></label>
      <div class="actions"><button class="primary" type="submit" disabled=${action.busy}>${t('login.submit')}</button></div>
    </form>
  </div>`;
}
