// The staff console: a client of Sportello's own API (/api/v1), so it can do nothing the API would refuse to
// the same person. Plain browser JavaScript, no build step and no inline script (the CSP allows only files
// from this server). Every text from the server goes into the page as text, never as HTML.

const STATUS = {
  draft: 'bozza', in_translation: 'in traduzione', approved: 'approvato', scheduled: 'programmato', sending: 'in invio',
  sent: 'inviato', cancelled: 'annullato', expired: 'scaduto',
};
const TRANSLATION_STATUS = { missing: 'da tradurre', draft: 'bozza', needs_review: 'da rivedere', approved: 'approvata' };
const DELIVERY_STATES = ['waiting_translation', 'planned', 'queued', 'sending', 'sent', 'failed', 'cancelled', 'expired'];
const TOPICS = ['permits', 'appointments', 'school', 'health', 'family', 'work', 'housing', 'desk', 'emergency', 'events'];
const TOPIC_NAMES = {
  permits: 'permessi di soggiorno', appointments: 'appuntamenti', school: 'scuola', health: 'salute', family: 'famiglia',
  work: 'lavoro', housing: 'casa', desk: 'sportello', emergency: 'emergenze', events: 'eventi',
};
const ROLE_NAMES = { admin: 'amministrazione', editor: 'redazione', mediator: 'mediazione', viewer: 'consultazione' };
const PUBLISHED = new Set(['scheduled', 'sending', 'sent', 'cancelled', 'expired']);
const CONVERSATION_STATE = { open: 'da prendere', assigned: 'in carico', answered: 'risposto', closed: 'chiuso' };
const OUTBOUND_KIND = { ack: 'conferma automatica', keyword: 'risposta automatica', reply: 'risposta' };
const OUTBOUND_STATE = { queued: 'in coda', sending: 'in invio', sent: 'inviata', failed: 'non inviata' };

const session = { user: null, csrfToken: null };
let languages = [];
const main = document.getElementById('main');

class ApiError extends Error {
  /** `sessionExpired`: the request found no session and the sign-in page is already showing. */
  constructor(status, problem, sessionExpired = false) {
    const fields = (problem.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ');
    super([problem.detail ?? problem.title ?? `HTTP ${status}`, fields].filter(Boolean).join(' — '));
    this.status = status;
    this.sessionExpired = sessionExpired;
  }
}

async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && session.csrfToken) headers['x-csrf-token'] = session.csrfToken;
  const response = await fetch(`/api/v1${path}`, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await response.text();
  const data = text ? JSON.parse(text) : undefined;
  if (response.status === 401 && path !== '/auth/login') {
    session.user = null;
    showLogin('La sessione è scaduta: accedi di nuovo.');
    throw new ApiError(401, data ?? {}, true);
  }
  if (!response.ok) throw new ApiError(response.status, data ?? {});
  return data;
}

/** Builds an element; string children become text nodes, so nothing from the server is parsed as HTML. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const chip = (text, kind) => h('span', { class: `chip ${kind ?? ''}` }, text);
const when = (iso) => (iso ? new Date(iso).toLocaleString('it-IT', { dateStyle: 'short', timeStyle: 'short' }) : '—');
const languageName = (code) => languages.find((l) => l.code === code)?.name ?? code;
const directionOf = (code) => languages.find((l) => l.code === code)?.direction ?? 'ltr';
const can = {
  write: () => ['admin', 'editor'].includes(session.user?.role),
  translate: (lang) => ['admin', 'editor'].includes(session.user?.role) || (session.user?.role === 'mediator' && session.user.languages.includes(lang)),
  approve: (lang) => session.user?.role === 'admin' || (session.user?.role === 'mediator' && session.user.languages.includes(lang)),
  /** Work a conversation: the API lets mediators (of its language) and admins. */
  answer: (lang) => session.user?.role === 'admin' || (session.user?.role === 'mediator' && session.user.languages.includes(lang)),
};

function show(...children) {
  main.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
}

function errorBox(error) {
  return h('p', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : String(error));
}

/** Runs an action from a form or button; its error is shown above the form instead of being lost. */
async function attempt(where, action) {
  where.querySelector(':scope > .error')?.remove();
  try {
    await action();
  } catch (error) {
    if (error instanceof ApiError && error.sessionExpired) return;
    where.prepend(errorBox(error));
  }
}

function showLogin(message) {
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
      await route();
    });
  });
  show(form);
}

function showSignedIn() {
  document.getElementById('nav').hidden = false;
  document.getElementById('nav-new').hidden = !can.write();
  document.getElementById('nav-users').hidden = session.user.role !== 'admin';
  const langs = session.user.languages.length ? ` · ${session.user.languages.join(', ')}` : '';
  document.getElementById('who').textContent = `${session.user.email} (${ROLE_NAMES[session.user.role] ?? session.user.role}${langs})`;
}

async function showList() {
  const page = await api('GET', '/announcements?limit=100');
  const rows = page.items.map((a) => {
    const source = a.translations[a.sourceLanguage] ?? {};
    const targets = Object.entries(a.translations).filter(([lang]) => lang !== a.sourceLanguage);
    return h('tr', {},
      h('td', {}, h('a', { href: `#/announcements/${a.id}` }, source.title ?? '(senza titolo)')),
      h('td', {}, chip(STATUS[a.status] ?? a.status, a.status), a.priority === 'urgent' ? chip('urgente', 'urgent') : null),
      h('td', {}, targets.map(([lang, t]) => chip(`${lang}: ${TRANSLATION_STATUS[t.status] ?? t.status}`, t.status))),
      h('td', {}, a.topics.map((t) => TOPIC_NAMES[t] ?? t).join(', ')),
      h('td', {}, when(a.updatedAt)),
    );
  });
  show(
    h('h1', {}, 'Avvisi'),
    rows.length === 0
      ? h('p', {}, 'Nessun avviso ancora.')
      : h('table', { id: 'announcements' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Titolo'), h('th', {}, 'Stato'), h('th', {}, 'Traduzioni'), h('th', {}, 'Argomenti'), h('th', {}, 'Aggiornato'))),
        h('tbody', {}, rows)),
  );
}

function showNew() {
  if (!can.write()) return show(errorBox('Solo la redazione scrive nuovi avvisi.'));
  const targetChoices = languages.filter((l) => l.code !== 'it');
  const form = h('form', { class: 'stack', id: 'new-announcement' },
    h('h1', {}, 'Nuovo avviso (in italiano)'),
    h('label', {}, 'Titolo', h('input', { type: 'text', name: 'title', required: true, maxlength: 200 })),
    h('label', {}, 'Testo', h('textarea', { name: 'body', required: true })),
    h('fieldset', {}, h('legend', {}, 'Argomenti'),
      TOPICS.map((t) => h('label', {}, h('input', { type: 'checkbox', name: 'topics', value: t }), TOPIC_NAMES[t]))),
    h('fieldset', {}, h('legend', {}, 'Lingue delle comunità'),
      targetChoices.map((l) => h('label', {}, h('input', { type: 'checkbox', name: 'targetLanguages', value: l.code }), `${l.name} (${l.code})`))),
    h('label', {}, 'Priorità', h('select', { name: 'priority' }, h('option', { value: 'normal' }, 'normale'), h('option', { value: 'urgent' }, 'urgente (parte subito, anche senza traduzione)'))),
    h('label', {}, 'Valido fino a (facoltativo)', h('input', { type: 'datetime-local', name: 'validUntil' })),
    h('div', { class: 'actions' }, h('button', { class: 'primary', type: 'submit' }, 'Salva la bozza')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    void attempt(form, async () => {
      const validUntil = data.get('validUntil');
      const created = await api('POST', '/announcements', {
        title: data.get('title'),
        body: data.get('body'),
        topics: data.getAll('topics'),
        targetLanguages: data.getAll('targetLanguages'),
        priority: data.get('priority'),
        ...(validUntil ? { validUntil: new Date(validUntil).toISOString() } : {}),
      });
      location.hash = `#/announcements/${created.id}`;
    });
  });
  show(form);
}

function translationCard(a, lang, t, reload) {
  const dir = directionOf(lang);
  const editable = can.translate(lang) && !PUBLISHED.has(a.status);
  const form = h('form', { class: 'stack', 'data-lang': lang },
    h('label', {}, 'Titolo', h('input', { type: 'text', name: 'title', value: t.title ?? '', dir, lang, required: true, readonly: !editable })),
    h('label', {}, 'Testo', h('textarea', { name: 'body', dir, lang, required: true, readonly: !editable }, t.body ?? '')),
  );
  const actions = h('div', { class: 'actions' });
  if (editable) actions.append(h('button', { class: 'secondary', type: 'submit', name: 'save' }, 'Salva la traduzione'));
  if (can.approve(lang) && (t.status === 'draft' || t.status === 'needs_review')) {
    actions.append(h('button', {
      class: 'primary', type: 'button', name: 'approve',
      onclick: () => void attempt(card, async () => {
        await api('POST', `/announcements/${a.id}/translations/${encodeURIComponent(lang)}/approve`, { version: a.version });
        await reload();
      }),
    }, 'Approva'));
  }
  form.append(actions);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    void attempt(card, async () => {
      await api('PUT', `/announcements/${a.id}/translations/${encodeURIComponent(lang)}`, { title: data.get('title'), body: data.get('body'), version: a.version });
      await reload();
    });
  });
  const card = h('section', { class: 'card translation', 'data-lang': lang },
    h('h2', {}, `${languageName(lang)} (${lang}) `, chip(TRANSLATION_STATUS[t.status] ?? t.status, t.status), t.stale ? chip('testo italiano cambiato', 'needs_review') : null),
    form,
  );
  return card;
}

async function deliverySummary(a) {
  const summary = await api('GET', `/announcements/${a.id}/deliveries/summary`);
  const byLanguage = new Map();
  for (const row of summary.breakdown) {
    const counts = byLanguage.get(row.language) ?? {};
    counts[row.state] = (counts[row.state] ?? 0) + row.count;
    byLanguage.set(row.language, counts);
  }
  const states = DELIVERY_STATES.filter((s) => summary.byState[s] > 0);
  return h('section', { class: 'card', id: 'deliveries' },
    h('h2', {}, `Consegne ai gruppi: ${summary.total}`),
    h('p', {}, states.map((s) => chip(`${s}: ${summary.byState[s]}`, s))),
    byLanguage.size === 0 ? h('p', { class: 'muted' }, 'Nessun gruppo corrisponde ancora.') : h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Lingua'), states.map((s) => h('th', {}, s)))),
      h('tbody', {}, [...byLanguage].map(([lang, counts]) => h('tr', { 'data-lang': lang }, h('td', {}, `${languageName(lang)} (${lang})`), states.map((s) => h('td', { 'data-state': s }, counts[s] ?? 0)))))),
    h('div', { class: 'actions' }, h('button', { class: 'secondary', type: 'button', onclick: () => void route() }, 'Aggiorna')),
  );
}

async function showDetail(id) {
  const a = await api('GET', `/announcements/${id}`);
  const reload = () => route();
  const source = a.translations[a.sourceLanguage] ?? {};
  const head = h('section', { class: 'card', id: 'announcement' },
    h('h1', {}, source.title ?? '(senza titolo)'),
    h('p', {}, chip(STATUS[a.status] ?? a.status, a.status), a.priority === 'urgent' ? chip('urgente', 'urgent') : null,
      h('span', { class: 'muted' }, ` versione ${a.version} · argomenti: ${a.topics.map((t) => TOPIC_NAMES[t] ?? t).join(', ') || '—'} · valido fino a ${when(a.validUntil)}`)),
    h('p', { lang: a.sourceLanguage }, source.body ?? ''),
    h('p', {}, h('a', { href: a.noticeUrl }, 'Pagina pubblica dell’avviso')),
  );
  const actions = h('div', { class: 'actions' });
  if (can.write() && !PUBLISHED.has(a.status)) {
    const scheduledAt = h('input', { type: 'datetime-local', name: 'scheduledAt', 'aria-label': 'Programma per (facoltativo)' });
    actions.append(scheduledAt, h('button', {
      class: 'primary', type: 'button', name: 'publish',
      onclick: () => void attempt(head, async () => {
        await api('POST', `/announcements/${a.id}/publish`, { version: a.version, ...(scheduledAt.value ? { scheduledAt: new Date(scheduledAt.value).toISOString() } : {}) });
        await reload();
      }),
    }, 'Pubblica'));
  }
  if (can.write() && ['draft', 'in_translation', 'approved', 'scheduled', 'sending'].includes(a.status)) {
    actions.append(h('button', {
      class: 'secondary', type: 'button', name: 'cancel',
      onclick: () => void attempt(head, async () => {
        if (!confirm('Annullare l’avviso? Quello che non è ancora partito non partirà.')) return;
        await api('POST', `/announcements/${a.id}/cancel`, { version: a.version });
        await reload();
      }),
    }, 'Annulla l’avviso'));
  }
  head.append(actions);
  const translations = Object.entries(a.translations).filter(([lang]) => lang !== a.sourceLanguage).map(([lang, t]) => translationCard(a, lang, t, reload));
  show(
    head,
    PUBLISHED.has(a.status) ? await deliverySummary(a) : null,
    h('h2', {}, 'Traduzioni'),
    translations.length ? translations : h('p', { class: 'muted' }, 'Nessuna lingua scelta.'),
  );
}

async function showInbox() {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const state = params.get('state') ?? '';
  const mine = params.get('mine') === 'true';
  const query = new URLSearchParams({ limit: '200', ...(state ? { state } : {}), ...(mine ? { mine: 'true' } : {}) });
  const page = await api('GET', `/inbox/conversations?${query}`);
  const filters = h('form', { class: 'actions', id: 'inbox-filters' },
    h('label', {}, 'Stato ', h('select', { name: 'state' },
      h('option', { value: '' }, 'tutti'),
      Object.entries(CONVERSATION_STATE).map(([value, name]) => h('option', { value, selected: value === state }, name)))),
    session.user.role === 'mediator' || session.user.role === 'admin'
      ? h('label', {}, h('input', { type: 'checkbox', name: 'mine', value: 'true', checked: mine }), ' solo quelle in carico a me')
      : null,
    h('button', { class: 'secondary', type: 'submit' }, 'Filtra'),
  );
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(filters);
    const next = new URLSearchParams({ ...(data.get('state') ? { state: String(data.get('state')) } : {}), ...(data.get('mine') ? { mine: 'true' } : {}) });
    location.hash = `#/inbox${next.size ? `?${next}` : ''}`;
  });
  const rows = page.items.map((c) => h('tr', { 'data-id': c.id },
    h('td', {}, h('a', { href: `#/inbox/${c.id}` }, `${languageName(c.language)} (${c.language})`)),
    h('td', {}, chip(CONVERSATION_STATE[c.state] ?? c.state, c.state === 'open' ? 'needs_review' : c.state === 'answered' ? 'approved' : '')),
    h('td', {}, c.assigneeId ? (c.assigneeId === session.user.id ? 'a me' : 'a un collega') : '—'),
    h('td', {}, c.chatType === 'group' ? 'nel gruppo' : 'in privato'),
    h('td', {}, when(c.lastInboundAt)),
  ));
  const scope = session.user.role === 'mediator' ? ` nelle mie lingue (${session.user.languages.join(', ')})` : '';
  show(
    h('h1', {}, `Domande dei cittadini${scope}`),
    filters,
    rows.length === 0
      ? h('p', {}, 'Nessuna conversazione.')
      : h('table', { id: 'conversations' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Lingua'), h('th', {}, 'Stato'), h('th', {}, 'In carico'), h('th', {}, 'Dove'), h('th', {}, 'Ultimo messaggio'))),
        h('tbody', {}, rows)),
  );
}

/** The citizen's messages and ours in one timeline, oldest first; texts keep their own direction (`dir=auto`). */
function timeline(c) {
  const items = [
    ...c.messages.map((m) => ({ at: m.receivedAt, from: 'citizen', text: m.text, note: m.media ? `allegato: ${m.media.kind}` : null })),
    ...c.outbound.map((o) => ({ at: o.createdAt, from: 'us', text: o.text, note: `${OUTBOUND_KIND[o.kind] ?? o.kind} · ${OUTBOUND_STATE[o.state] ?? o.state}${o.reason ? ` (${o.reason})` : ''}` })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return h('ol', { class: 'timeline', id: 'timeline' }, items.map((item) => h('li', { class: `card ${item.from}`, 'data-from': item.from },
    h('p', { class: 'muted' }, `${item.from === 'citizen' ? c.contact.displayName || 'Cittadino' : 'Sportello'} · ${when(item.at)}${item.note ? ` · ${item.note}` : ''}`),
    h('p', { dir: 'auto', class: 'text' }, item.text ?? ''),
  )));
}

async function showConversation(id) {
  const c = await api('GET', `/inbox/conversations/${id}`);
  const reload = () => route();
  const head = h('section', { class: 'card', id: 'conversation' },
    h('h1', {}, `${c.contact.displayName || 'Cittadino'} · ${languageName(c.language)} (${c.language})`),
    h('p', {}, chip(CONVERSATION_STATE[c.state] ?? c.state, c.state === 'open' ? 'needs_review' : ''),
      h('span', { class: 'muted' }, ` ${c.chatType === 'group' ? 'scrive nel gruppo della comunità' : 'scrive in privato'}${c.contact.optedOut ? ' · ha chiesto di non ricevere più avvisi (STOP)' : ''}`)),
  );
  const parts = [head, timeline(c)];
  if (can.answer(c.language)) {
    const actions = h('div', { class: 'actions' });
    const act = (name, label, path) => h('button', {
      class: 'secondary', type: 'button', name,
      onclick: () => void attempt(head, async () => {
        await api('POST', `/inbox/conversations/${c.id}/${path}`, path === 'assign' ? {} : undefined);
        await reload();
      }),
    }, label);
    if (c.assigneeId !== session.user.id && c.state !== 'closed') actions.append(act('assign', 'Prendo in carico', 'assign'));
    actions.append(c.state === 'closed' ? act('reopen', 'Riapri', 'reopen') : act('close', 'Chiudi', 'close'));
    head.append(actions);
    const reply = h('form', { class: 'stack card', id: 'reply' },
      h('label', {}, `Risposta (parte nella stessa chat, in ${languageName(c.language)})`, h('textarea', { name: 'text', dir: directionOf(c.language), lang: c.language, required: true, maxlength: 4000 })),
      h('div', { class: 'actions' }, h('button', { class: 'primary', type: 'submit' }, 'Invia la risposta')),
    );
    reply.addEventListener('submit', (event) => {
      event.preventDefault();
      void attempt(reply, async () => {
        await api('POST', `/inbox/conversations/${c.id}/replies`, { text: new FormData(reply).get('text') });
        await reload();
      });
    });
    const note = h('form', { class: 'stack card', id: 'note' },
      h('label', {}, 'Nota interna (il cittadino non la vede)', h('textarea', { name: 'text', required: true, maxlength: 4000 })),
      h('div', { class: 'actions' }, h('button', { class: 'secondary', type: 'submit' }, 'Aggiungi la nota')),
    );
    note.addEventListener('submit', (event) => {
      event.preventDefault();
      void attempt(note, async () => {
        await api('POST', `/inbox/conversations/${c.id}/notes`, { text: new FormData(note).get('text') });
        await reload();
      });
    });
    parts.push(reply, note);
  }
  if (c.notes) {
    parts.push(h('section', { class: 'card', id: 'notes' }, h('h2', {}, 'Note interne'),
      c.notes.length === 0 ? h('p', { class: 'muted' }, 'Nessuna nota.') : h('ul', {}, c.notes.map((n) => h('li', {}, h('span', { class: 'muted' }, `${when(n.createdAt)} · `), n.text)))));
  }
  show(...parts);
}

const CONNECTOR_STATE = { starting: 'in avvio', login_required: 'da collegare', ready: 'attivo', reconnecting: 'in riconnessione', failed: 'non raggiungibile', stopped: 'fermo' };

async function showChannels() {
  const accounts = await api('GET', '/connectors');
  const rows = accounts.map((a) => {
    const resume = session.user.role === 'admin' && a.paused
      ? h('button', {
        class: 'primary', type: 'button', name: 'resume',
        onclick: (event) => void attempt(event.target.closest('td'), async () => {
          await api('POST', `/connectors/${encodeURIComponent(a.account)}/resume`);
          await route();
        }),
      }, 'Riprendi gli invii')
      : null;
    const login = session.user.role === 'admin' && a.state === 'login_required'
      ? h('figure', { class: 'login-qr' },
        // The URL changes with each new code, so a refreshed page never shows a stale one from the cache.
        h('img', { src: `/api/v1/connectors/${encodeURIComponent(a.account)}/login-qr.svg?at=${Date.now()}`, alt: `Codice di accesso per ${a.account}`, width: 220, height: 220 }),
        h('figcaption', { class: 'muted' }, a.platform === 'wechat'
          ? 'Scansiona con WeChat sul telefono dell’account.'
          : 'Sul telefono dell’account: WhatsApp › Dispositivi collegati › Collega un dispositivo, poi inquadra il codice.'))
      : null;
    return h('tr', { 'data-account': a.account },
      h('td', {}, a.account),
      h('td', {}, a.platform),
      h('td', {}, chip(CONNECTOR_STATE[a.state] ?? a.state, a.state === 'ready' ? 'approved' : a.state === 'failed' ? 'failed' : ''), a.reason ? h('span', { class: 'muted' }, ` ${a.reason}`) : null, login),
      h('td', {}, a.paused ? [chip('in pausa', 'failed'), h('span', { class: 'muted' }, ` ${a.pausedReason ?? ''} (${when(a.pausedSince)})`)] : '—'),
      h('td', {}, a.rateLimit ? `1 ogni ${(a.rateLimit.minIntervalMs / 1000).toLocaleString('it-IT')} s, massimo ${a.rateLimit.dailyCap} al giorno` : '—'),
      h('td', {}, resume),
    );
  });
  show(
    h('h1', {}, 'Canali (account WeChat e WhatsApp)'),
    h('p', { class: 'muted' }, 'Un account in pausa ha ricevuto troppi “rallenta” dalla piattaforma: i suoi messaggi aspettano, nessuno è perso, finché l’amministrazione non riprende gli invii.'),
    h('table', { id: 'channels' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Account'), h('th', {}, 'Piattaforma'), h('th', {}, 'Stato'), h('th', {}, 'Pausa'), h('th', {}, 'Ritmo'), h('th', {}, ''))),
      h('tbody', {}, rows)),
  );
}

function groupForm(group, onSaved) {
  const form = h('form', { class: 'stack', 'data-group': group.id },
    h('label', {}, 'Lingua', h('select', { name: 'language' }, languages.map((l) => h('option', { value: l.code, selected: l.code === group.language }, `${l.name} (${l.code})`)))),
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

async function showGroups() {
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
      h('label', {}, 'Lingua', h('select', { name: 'language' }, languages.map((l) => h('option', { value: l.code }, `${l.name} (${l.code})`)))),
      h('div', { class: 'actions' }, h('button', { class: 'secondary', type: 'submit' }, 'Registra')),
    );
    importForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(importForm);
      void attempt(importForm, async () => {
        await api('POST', '/groups/import', { account: data.get('account'), language: data.get('language') });
        await route();
      });
    });
    parts.push(importForm);
  }
  show(...parts);
}

/** Name, role and languages of a staff member; a password only when creating one or resetting it. */
function userFields(user) {
  return [
    user ? null : h('label', {}, 'E-mail', h('input', { type: 'email', name: 'email', required: true })),
    h('label', {}, 'Nome', h('input', { type: 'text', name: 'name', required: true, value: user?.name ?? '' })),
    h('label', {}, 'Ruolo', h('select', { name: 'role' }, Object.entries(ROLE_NAMES).map(([value, name]) => h('option', { value, selected: value === (user?.role ?? 'mediator') }, name)))),
    h('fieldset', {}, h('legend', {}, 'Lingue (per la mediazione)'),
      languages.map((l) => h('label', {}, h('input', { type: 'checkbox', name: 'languages', value: l.code, checked: user?.languages.includes(l.code) }), `${l.name} (${l.code})`))),
    h('label', {}, user ? 'Nuova password (facoltativa, almeno 12 caratteri)' : 'Password iniziale (almeno 12 caratteri)',
      h('input', { type: 'password', name: 'password', autocomplete: 'new-password', minlength: 12, required: !user })),
    user ? h('label', {}, h('input', { type: 'checkbox', name: 'disabled', checked: user.disabled }), ' disattivato (non può più entrare)') : null,
  ];
}

async function showUsers() {
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
          ...(password ? { password } : {}),
        });
        location.hash = '#/users';
      });
    });
    parts.push(form);
  }
  parts.push(h('table', { id: 'users' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Nome'), h('th', {}, 'E-mail'), h('th', {}, 'Ruolo'), h('th', {}, 'Lingue'), h('th', {}, 'Stato'), h('th', {}, ''))),
    h('tbody', {}, items.map((u) => h('tr', { 'data-user': u.id },
      h('td', {}, u.name), h('td', {}, u.email), h('td', {}, ROLE_NAMES[u.role] ?? u.role), h('td', {}, u.languages.join(', ') || '—'),
      h('td', {}, u.disabled ? chip('disattivato', 'cancelled') : chip('attivo', 'approved')),
      h('td', {}, h('a', { href: `#/users?edit=${u.id}` }, 'Modifica')))))));
  const create = h('form', { class: 'stack card', id: 'new-user' }, h('h2', {}, 'Nuova persona'), userFields(undefined),
    h('div', { class: 'actions' }, h('button', { class: 'secondary', type: 'submit' }, 'Crea')));
  create.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(create);
    void attempt(create, async () => {
      await api('POST', '/users', { email: data.get('email'), name: data.get('name'), role: data.get('role'), languages: data.getAll('languages'), password: data.get('password') });
      await route();
    });
  });
  parts.push(create);
  show(...parts);
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
  const hash = location.hash || '#/announcements';
  try {
    const detail = /^#\/announcements\/([0-9a-f]{24})$/.exec(hash);
    const conversation = /^#\/inbox\/([0-9a-f]{24})$/.exec(hash);
    if (detail) await showDetail(detail[1]);
    else if (hash === '#/announcements/new') showNew();
    else if (conversation) await showConversation(conversation[1]);
    else if (hash === '#/inbox' || hash.startsWith('#/inbox?')) await showInbox();
    else if (hash === '#/groups' || hash.startsWith('#/groups?')) await showGroups();
    else if (hash === '#/channels') await showChannels();
    else if (hash === '#/users' || hash.startsWith('#/users?')) await showUsers();
    else await showList();
  } catch (error) {
    if (!(error instanceof ApiError && error.sessionExpired)) show(errorBox(error));
  }
}

document.getElementById('logout').addEventListener('click', () => {
  void (async () => {
    try {
      await api('POST', '/auth/logout');
    } finally {
      session.user = null;
      session.csrfToken = null;
      showLogin();
    }
  })();
});
window.addEventListener('hashchange', () => void route());

fetch('/api/v1/languages')
  .then((response) => response.json())
  .then((body) => { languages = body.items; })
  .catch(() => undefined)
  .finally(() => void route());
