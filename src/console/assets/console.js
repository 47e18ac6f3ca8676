// The staff console: a client of Sportello's own API (/api/v1), so it can do nothing the API would refuse to
// the same person. Plain browser modules, no build step and no inline script (the CSP allows only files
// from this server). Every text from the server goes into the page as text, never as HTML (`core/dom.js`).
import { api, ApiError, onSessionExpired } from './core/api.js';
import { errorBox, show } from './core/dom.js';
import { onRefresh } from './core/navigation.js';
import { session, setLanguages } from './core/session.js';
import { languagesToTranslate, showDetail, showList, showNew } from './views/announcements.js';
import { showAudit } from './views/audit.js';
import { showChannels } from './views/channels.js';
import { showGroups } from './views/groups.js';
import { showConversation, showInbox } from './views/inbox.js';
import { showLogin, showSignedIn } from './views/login.js';
import { showUsers } from './views/people.js';
import { showSavedReplies } from './views/saved-replies.js';
import { showTokens } from './views/tokens.js';

/** How often the menu's counts (citizens waiting, notices to translate) are asked again while the console is open. */
const COUNTS_EVERY_MS = 60_000;
let countsTimer;
const TITLE = document.title;

function refreshCounts() {
  void showWaitingCount();
  void showTranslationCount();
}

async function route() {
  if (!session.user) {
    try {
      const current = await fetch('/api/v1/auth/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (!current.ok) return showLogin();
      const body = await current.json();
      session.user = body.user;
      session.csrfToken = body.csrfToken ?? null;
    } catch (error) {
      return show(errorBox(error));
    }
  }
  showSignedIn();
  refreshCounts();
  // Staff keep the console open all day: the menu's counts follow without a click.
  countsTimer ??= setInterval(() => {
    if (session.user) refreshCounts();
  }, COUNTS_EVERY_MS);
  const hash = location.hash || '#/announcements';
  try {
    const detail = /^#\/announcements\/([0-9a-f]{24})$/.exec(hash);
    const conversation = /^#\/inbox\/([0-9a-f]{24})$/.exec(hash);
    if (detail) await showDetail(detail[1]);
    else if (hash === '#/announcements/new') showNew();
    else if (conversation) await showConversation(conversation[1]);
    else if (hash === '#/inbox' || hash.startsWith('#/inbox?')) await showInbox();
    else if (hash === '#/saved-replies' || hash.startsWith('#/saved-replies?')) await showSavedReplies();
    else if (hash === '#/groups' || hash.startsWith('#/groups?')) await showGroups();
    else if (hash === '#/channels') await showChannels();
    else if (hash === '#/users' || hash.startsWith('#/users?')) await showUsers();
    else if (hash === '#/audit' || hash.startsWith('#/audit?')) await showAudit();
    else if (hash === '#/tokens' || hash.startsWith('#/tokens?')) await showTokens();
    else await showList();
  } catch (error) {
    if (!(error instanceof ApiError && error.sessionExpired)) show(errorBox(error));
  }
}

/** A mediator's menu says how many notices wait for their translation or approval. */
async function showTranslationCount() {
  const badge = document.getElementById('nav-list-todo');
  if (session.user.role !== 'mediator') return void (badge.hidden = true);
  try {
    const page = await api('GET', '/announcements?limit=100');
    const count = page.items.filter((a) => languagesToTranslate(a, session.user.languages).length > 0).length;
    badge.textContent = String(count);
    badge.title = `${count} da tradurre o approvare`;
    badge.hidden = count === 0;
  } catch {
    badge.hidden = true;
  }
}

/**
 * The menu says how many citizens wait for an answer (in a mediator's languages): a glance from any page; the
 * tab's title says it too, seen from another tab.
 */
async function showWaitingCount() {
  const badge = document.getElementById('nav-inbox-waiting');
  try {
    const stats = await api('GET', '/inbox/stats?days=1');
    badge.textContent = String(stats.overall.waiting);
    badge.title = `${stats.overall.waiting} in attesa di risposta`;
    badge.hidden = stats.overall.waiting === 0;
    document.title = stats.overall.waiting > 0 ? `(${stats.overall.waiting}) ${TITLE}` : TITLE;
  } catch {
    badge.hidden = true;
    document.title = TITLE;
  }
}

onRefresh(route);
onSessionExpired(() => {
  session.user = null;
  document.title = TITLE;
  showLogin('La sessione è scaduta: accedi di nuovo.');
});
document.getElementById('logout').addEventListener('click', () => {
  void (async () => {
    try {
      await api('POST', '/auth/logout');
    } finally {
      session.user = null;
      session.csrfToken = null;
      document.title = TITLE;
      showLogin();
    }
  })();
});
window.addEventListener('hashchange', () => void route());

fetch('/api/v1/languages')
  .then((response) => response.json())
  .then((body) => { setLanguages(body.items); })
  .catch(() => undefined)
  .finally(() => void route());
