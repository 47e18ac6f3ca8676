// The staff console: a client of Sportello's own API (/api/v1), so it can do nothing the API would refuse to
// the same person. Preact components written with htm (both from node_modules, no build step, no inline
// script: the CSP allows only files from this server). Text from the server is always text, never HTML.
import { html, render, useEffect, useState } from './core/preact.js';
import { api, onSessionExpired } from './core/api.js';
import { startI18n, t } from './core/i18n.js';
import { startLive, stopLive } from './core/live.js';
import { mayLeave, useRoute } from './core/router.js';
import { session } from './core/session.js';
import { Announcer, Heading } from './core/ui.js';
import { Shell } from './views/shell.js';
import { LoginPage } from './views/login.js';
import { pageFor } from './views/pages.js';

const TITLE = document.title;

/** Which simulated accounts exist (admins only: the simulator lets its user speak as anyone). */
async function findSimulatedAccounts() {
  if (session.user.role !== 'admin') return [];
  const accounts = await api('GET', '/connectors');
  const found = await Promise.all(accounts.map(async (a) => {
    try {
      await api('GET', `/simulator/${encodeURIComponent(a.account)}/chats`);
      return a.account;
    } catch {
      return null;
    }
  }));
  return found.filter(Boolean);
}

function App() {
  const [signedIn, setSignedIn] = useState(undefined);
  const [expired, setExpired] = useState(false);
  const [, setLanguage] = useState('');
  const route = useRoute();

  const enter = async (body) => {
    session.user = body.user;
    session.csrfToken = body.csrfToken ?? null;
    session.simulatedAccounts = await findSimulatedAccounts().catch(() => []);
    startLive();
    setExpired(false);
    setSignedIn(true);
  };
  const leave = (why) => {
    stopLive();
    session.user = null;
    session.csrfToken = null;
    document.title = TITLE;
    setExpired(why === 'expired');
    setSignedIn(false);
  };

  useEffect(() => {
    onSessionExpired(() => leave('expired'));
    fetch('/api/v1/auth/session', { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(async (response) => (response.ok ? enter(await response.json()) : leave()))
      .catch(() => leave());
  }, []);

  if (signedIn === undefined) return html`<p class="boot">${t('common.loading')}</p>`;
  if (!signedIn) {
    return html`<${Announcer} /><main id="main" class="signin"><${LoginPage} expired=${expired} onSignedIn=${enter} /></main>`;
  }
  const signOut = async () => {
    if (!mayLeave()) return;
    try {
      await api('POST', '/auth/logout');
    } finally {
      leave();
    }
  };
  const Page = pageFor(route);
  return html`<${Shell} route=${route} onSignOut=${signOut} onLanguage=${setLanguage}>
    ${Page ? html`<${Page} route=${route} key=${route.path} />` : html`<${Heading}>${t('errors.notFound')}</${Heading}>`}
  </${Shell}><${Announcer} />`;
}

await startI18n();
session.languages = await fetch('/api/v1/languages').then((response) => response.json()).then((body) => body.items).catch(() => []);
render(html`<${App} />`, document.getElementById('app'));
