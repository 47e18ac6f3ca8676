// The frame around every page once signed in: skip link, the bar (who, language, live state, sign out) and the
// menu with its counts, which follow the live stream.
import { html, useEffect } from '../core/preact.js';
import { api } from '../core/api.js';
import { CONSOLE_LANGUAGES, chooseConsoleLanguage, consoleLanguage, t } from '../core/i18n.js';
import { useLiveState } from '../core/live.js';
import { can, session } from '../core/session.js';
import { useData } from '../core/ui.js';
import { languagesToTranslate } from './announcement-rules.js';

const TITLE = 'Sportello — console';

function menuOf() {
  const role = session.user.role;
  return [
    { path: '/announcements', id: 'nav-list', label: t('nav.announcements'), count: 'todo' },
    can.write() ? { path: '/announcements/new', id: 'nav-new', label: t('nav.new') } : null,
    { path: '/inbox', id: 'nav-inbox', label: t('nav.inbox'), count: 'waiting' },
    { path: '/saved-replies', id: 'nav-saved-replies', label: t('nav.savedReplies') },
    { path: '/glossary', id: 'nav-glossary', label: t('nav.glossary') },
    { path: '/groups', id: 'nav-groups', label: t('nav.groups') },
    { path: '/channels', id: 'nav-channels', label: t('nav.channels') },
    session.simulatedAccounts.length > 0 ? { path: '/simulator', id: 'nav-simulator', label: t('nav.simulator') } : null,
    role === 'admin' ? { path: '/users', id: 'nav-users', label: t('nav.users') } : null,
    role === 'admin' ? { path: '/audit', id: 'nav-audit', label: t('nav.audit') } : null,
    { path: '/tokens', id: 'nav-tokens', label: t('nav.tokens') },
    { path: '/account', id: 'nav-account', label: t('nav.account') },
  ].filter(Boolean);
}

/** How many citizens wait (in a mediator's languages) and how many notices wait for this mediator's translation. */
function useCounts() {
  const waiting = useData(async () => (await api('GET', '/inbox/stats?days=1')).overall.waiting, [], ['conversation', 'counts']);
  const todo = useData(async () => {
    if (session.user.role !== 'mediator') return 0;
    const page = await api('GET', '/announcements?limit=100');
    return page.items.filter((a) => languagesToTranslate(a, session.user.languages).length > 0).length;
  }, [], ['announcement', 'counts']);
  return { waiting: waiting.data ?? 0, todo: todo.data ?? 0, waitingLoaded: waiting.data !== undefined, todoLoaded: todo.data !== undefined };
}

function Badge({ id, count, label, loaded }) {
  // The number is for the eye; a screen reader hears the sentence. `data-loaded` once the count has arrived: a
  // hidden badge then means none, not "not asked yet" (what a test of "nobody waits" waits for).
  return html`<span class="badge" id=${id} hidden=${!count} data-loaded=${loaded ? 'true' : undefined} title=${label} aria-hidden="true">${count}</span>${count ? html`<span class="visually-hidden">${label}</span>` : null}`;
}

function isCurrent(item, path) {
  if (item.path === '/announcements') return path === '/announcements' || (/^\/announcements\/[0-9a-f]{24}$/.test(path));
  return path === item.path || path.startsWith(`${item.path}/`);
}

export function Shell({ route, onSignOut, onLanguage, children }) {
  const counts = useCounts();
  const live = useLiveState();
  useEffect(() => {
    document.title = counts.waiting > 0 ? `(${counts.waiting}) ${TITLE}` : TITLE;
  }, [counts.waiting]);
  const user = session.user;
  const languages = user.languages.length ? ` · ${user.languages.join(', ')}` : '';
  const switchTo = async (event) => {
    await chooseConsoleLanguage(event.currentTarget.value);
    onLanguage(consoleLanguage());
  };
  return html`
    <a class="skip" href="#main" onClick=${(event) => { event.preventDefault(); document.getElementById('main')?.focus(); }}>${t('nav.skip')}</a>
    <header class="bar">
      <a class="brand" href="#/announcements">Sportello <span class="brand-sub">${t('brand.office')}</span></a>
      <div class="bar-tools">
        <span class=${`live live-${live}`} id="live-state" title=${t(`live.${live}`)}><span aria-hidden="true">●</span> ${t(`live.${live}`)}</span>
        <span id="who">${user.email} (${t(`roles.${user.role}`)}${languages})</span>
        <label class="lang-switch"><span class="visually-hidden">${t('nav.language')}</span>
          <select id="console-language" value=${consoleLanguage()} onChange=${switchTo}>
            ${CONSOLE_LANGUAGES.map((lng) => html`<option value=${lng} lang=${lng}>${t(`consoleLanguages.${lng}`)}</option>`)}
          </select>
        </label>
        <button type="button" id="logout" onClick=${onSignOut}>${t('nav.signOut')}</button>
      </div>
    </header>
    <div class="layout">
      <nav id="nav" aria-label=${t('nav.menu')}>
        <ul>
          ${menuOf().map((item) => html`<li><a href=${`#${item.path}`} id=${item.id} aria-current=${isCurrent(item, route.path) ? 'page' : undefined}>
            <span>${item.label}</span>
            ${item.count === 'waiting' ? html`<${Badge} id="nav-inbox-waiting" count=${counts.waiting} loaded=${counts.waitingLoaded} label=${t('nav.waitingCount', { count: counts.waiting })} />` : null}
            ${item.count === 'todo' ? html`<${Badge} id="nav-list-todo" count=${counts.todo} loaded=${counts.todoLoaded} label=${t('nav.todoCount', { count: counts.todo })} />` : null}
          </a></li>`)}
          <li><a href="/api/docs">${t('nav.apiDocs')}</a></li>
        </ul>
      </nav>
      <main id="main" tabindex="-1">${children}</main>
    </div>`;
}
