// Notices: the list, a new one, and one notice with its translations and deliveries.
import { api } from '../core/api.js';
import { attempt, chip, errorBox, h, show, when } from '../core/dom.js';
import { refresh } from '../core/navigation.js';
import { can, directionOf, languageList, languageName, session } from '../core/session.js';
import { DELIVERY_STATE, DELIVERY_STATES, PUBLISHED, STATUS, TOPIC_NAMES, TOPICS, TRANSLATION_STATUS } from '../core/labels.js';

/** Translation states that still need a mediator; a published or cancelled notice needs none any more. */
const TO_DO = new Set(['missing', 'draft', 'needs_review']);

/** The mediator's languages of this notice that still need their translation or approval. */
export function languagesToTranslate(a, languages) {
  if (PUBLISHED.has(a.status)) return [];
  return languages.filter((lang) => a.translations[lang] && TO_DO.has(a.translations[lang].status));
}

export async function showList() {
  const page = await api('GET', '/announcements?limit=100');
  const mine = session.user.role === 'mediator' ? session.user.languages : null;
  const onlyToDo = mine !== null && new URLSearchParams(location.hash.split('?')[1] ?? '').get('todo') === 'true';
  const items = onlyToDo ? page.items.filter((a) => languagesToTranslate(a, mine).length > 0) : page.items;
  const rows = items.map((a) => {
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
  const filter = mine === null ? null : h('p', { class: 'actions', id: 'announcements-filter' },
    onlyToDo
      ? h('a', { class: 'secondary', href: '#/announcements' }, 'Tutti gli avvisi')
      : h('a', { class: 'secondary', href: '#/announcements?todo=true' }, 'Solo quelli da tradurre o approvare nelle mie lingue'));
  show(
    h('h1', {}, onlyToDo ? 'Avvisi da tradurre o approvare' : 'Avvisi'),
    filter,
    rows.length === 0
      ? h('p', {}, 'Nessun avviso ancora.')
      : h('table', { id: 'announcements' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Titolo'), h('th', {}, 'Stato'), h('th', {}, 'Traduzioni'), h('th', {}, 'Argomenti'), h('th', {}, 'Aggiornato'))),
        h('tbody', {}, rows)),
  );
}

export function showNew() {
  if (!can.write()) return show(errorBox('Solo la redazione scrive nuovi avvisi.'));
  const targetChoices = languageList().filter((l) => l.code !== 'it');
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
    preview(a, lang),
  );
  return card;
}

const CHANNEL_NAMES = { whatsapp: 'WhatsApp', wechat: 'WeChat' };

/**
 * What a group in this language receives, part by part, on each platform: the text, the link to the notice page
 * and the split at the platform's length limit, as the mediator approves and the editor publishes it.
 */
function preview(a, lang) {
  const messages = h('div', { class: 'preview-parts' });
  const renderFor = (channel) => void attempt(box, async () => {
    const rendered = await api('GET', `/announcements/${a.id}/preview?lang=${encodeURIComponent(lang)}&channel=${channel}`);
    messages.replaceChildren(
      h('p', { class: 'muted' }, `${CHANNEL_NAMES[channel]}: ${rendered.parts.length === 1 ? 'un messaggio' : `${rendered.parts.length} messaggi`}`),
      ...rendered.parts.map((part, i) => h('p', { class: 'preview-part', dir: 'auto', lang, 'data-part': String(i + 1) }, part)),
    );
  });
  const box = h('details', { class: 'preview', 'data-lang': lang },
    h('summary', {}, 'Anteprima: come lo ricevono i gruppi'),
    h('div', { class: 'actions' }, Object.entries(CHANNEL_NAMES).map(([channel, name]) =>
      h('button', { class: 'secondary', type: 'button', name: `preview-${channel}`, onclick: () => renderFor(channel) }, name))),
    messages,
  );
  return box;
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
  const label = (s) => DELIVERY_STATE[s] ?? s;
  return h('section', { class: 'card', id: 'deliveries' },
    h('h2', {}, `Consegne ai gruppi: ${summary.total}`),
    h('p', {}, states.map((s) => chip(`${label(s)}: ${summary.byState[s]}`, s))),
    byLanguage.size === 0 ? h('p', { class: 'muted' }, 'Nessun gruppo corrisponde ancora.') : h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Lingua'), states.map((s) => h('th', { 'data-state': s }, label(s))))),
      h('tbody', {}, [...byLanguage].map(([lang, counts]) => h('tr', { 'data-lang': lang }, h('td', {}, `${languageName(lang)} (${lang})`), states.map((s) => h('td', { 'data-state': s }, counts[s] ?? 0)))))),
    h('div', { class: 'actions' }, h('button', { class: 'secondary', type: 'button', onclick: () => void refresh() }, 'Aggiorna')),
  );
}

/** The first failed deliveries with the platform's reason, so staff can fix the group; editors queue them again. */
const FAILED_SHOWN = 100;

async function failedDeliveries(a) {
  const failed = await api('GET', `/announcements/${a.id}/deliveries?state=failed&limit=${FAILED_SHOWN}`);
  if (failed.items.length === 0) return null;
  // Deliveries name a chat; the registry knows what staff call it.
  const names = new Map();
  for (const account of new Set(failed.items.map((d) => d.account))) {
    const groups = await api('GET', `/groups?account=${encodeURIComponent(account)}`);
    for (const g of groups.items) names.set(`${g.account}\u0000${g.chatId}`, g.name);
  }
  const section = h('section', { class: 'card', id: 'failed-deliveries' },
    h('h2', {}, 'Consegne non riuscite'),
    h('p', { class: 'muted' }, failed.next
      ? `Le prime ${FAILED_SHOWN}. Il motivo è quello dato dalla piattaforma.`
      : 'Il motivo è quello dato dalla piattaforma: sistemato il gruppo (ad esempio, riaggiunto il numero del Comune), si possono rimettere in coda.'),
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Gruppo'), h('th', {}, 'Canale'), h('th', {}, 'Lingua'), h('th', {}, 'Tentativi'), h('th', {}, 'Motivo'), h('th', {}, 'Ultimo tentativo'))),
      h('tbody', {}, failed.items.map((d) => h('tr', { 'data-delivery': d.id },
        h('td', {}, names.get(`${d.account}\u0000${d.chatId}`) ?? d.chatId),
        h('td', {}, d.account),
        h('td', {}, `${languageName(d.language)} (${d.language})`),
        h('td', {}, String(d.attempts)),
        h('td', { class: 'reason' }, d.reason ?? '—'),
        h('td', {}, when(d.updatedAt)),
      )))),
  );
  if (can.write() && a.status !== 'cancelled' && a.status !== 'expired') {
    section.append(h('div', { class: 'actions' }, h('button', {
      class: 'primary', type: 'button', name: 'retry-failed',
      onclick: () => void attempt(section, async () => {
        const result = await api('POST', `/announcements/${a.id}/deliveries/retry`);
        section.replaceChildren(h('h2', {}, 'Consegne non riuscite'), h('p', { class: 'notice', role: 'status' }, `${result.requeued} consegne di nuovo in coda.`));
      }),
    }, 'Riprova le consegne non riuscite')));
  }
  return section;
}

/**
 * Before publishing: the groups per language that the notice's topics reach, and whether each will get it, so
 * an editor sees a community whose language was not chosen or is still untranslated.
 */
async function reachCard(a) {
  if (a.topics.length === 0) return null;
  const reach = await api('GET', `/groups/reach?topics=${encodeURIComponent(a.topics.join(','))}`);
  const verdict = (lang) => {
    const t = a.translations[lang];
    if (lang === a.sourceLanguage) return chip('sì, nel testo originale', 'approved');
    if (t?.status === 'approved') return chip('sì', 'approved');
    if (t) return a.priority === 'urgent' ? chip('sì, in italiano e inglese finché la traduzione non è approvata', 'needs_review') : chip('dopo l’approvazione della traduzione', 'needs_review');
    return a.priority === 'urgent' ? chip('sì, in italiano e inglese (lingua non scelta)', 'needs_review') : chip('no: lingua non scelta', 'failed');
  };
  return h('section', { class: 'card', id: 'reach' },
    h('h2', {}, 'Chi lo riceverà'),
    reach.items.length === 0
      ? h('p', { class: 'muted' }, 'Nessun gruppo attivo segue questi argomenti, e nessun cittadino è iscritto agli avvisi.')
      : h('table', {},
        h('thead', {}, h('tr', {}, h('th', {}, 'Lingua'), h('th', {}, 'Gruppi'), h('th', {}, 'Cittadini iscritti'), h('th', {}, 'Riceveranno l’avviso'))),
        h('tbody', {}, reach.items.map((row) => h('tr', { 'data-lang': row.language },
          h('td', {}, `${languageName(row.language)} (${row.language})`),
          h('td', { 'data-field': 'groups' }, String(row.groups)),
          h('td', { 'data-field': 'citizens' }, String(row.citizens ?? 0)),
          h('td', { 'data-field': 'verdict' }, verdict(row.language)))))),
  );
}

export async function showDetail(id) {
  const a = await api('GET', `/announcements/${id}`);
  const reload = () => refresh();
  const source = a.translations[a.sourceLanguage] ?? {};
  const head = h('section', { class: 'card', id: 'announcement' },
    h('h1', {}, source.title ?? '(senza titolo)'),
    h('p', {}, chip(STATUS[a.status] ?? a.status, a.status), a.priority === 'urgent' ? chip('urgente', 'urgent') : null,
      h('span', { class: 'muted' }, ` versione ${a.version} · argomenti: ${a.topics.map((t) => TOPIC_NAMES[t] ?? t).join(', ') || '—'} · valido fino a ${when(a.validUntil)}`)),
    h('p', { lang: a.sourceLanguage, class: 'source-text' }, source.body ?? ''),
    h('p', {}, h('a', { href: a.noticeUrl }, 'Pagina pubblica dell’avviso')),
  );
  const actions = h('div', { class: 'actions' });
  if (can.write() && !PUBLISHED.has(a.status)) {
    const scheduledAt = h('input', { type: 'datetime-local', name: 'scheduledAt' });
    actions.append(h('label', { class: 'inline-label' }, 'Programma per (facoltativo)', scheduledAt), h('button', {
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
    PUBLISHED.has(a.status) ? null : await reachCard(a),
    PUBLISHED.has(a.status) ? await deliverySummary(a) : null,
    PUBLISHED.has(a.status) ? await failedDeliveries(a) : null,
    h('h2', {}, 'Traduzioni'),
    translations.length ? translations : h('p', { class: 'muted' }, 'Nessuna lingua scelta.'),
  );
}
