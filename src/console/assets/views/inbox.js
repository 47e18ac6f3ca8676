// Citizens' questions: a mediator's queue and one conversation.
import { api } from '../core/api.js';
import { attempt, chip, h, show, when } from '../core/dom.js';
import { refresh } from '../core/navigation.js';
import { can, directionOf, languageName, session } from '../core/session.js';
import { CONVERSATION_STATE, OUTBOUND_KIND, OUTBOUND_STATE, TOPIC_NAMES, TOPICS } from '../core/labels.js';
import { noticeLinkPicker } from './notice-links.js';
import { savedReplyPicker } from './saved-replies.js';

/** A wait as staff say it: minutes, hours and minutes, or days. */
function duration(seconds) {
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${Math.round(minutes / 1440)} giorni`;
}

const waitedSince = (iso) => duration((Date.now() - Date.parse(iso)) / 1000);

/** How long citizens wait, per language: the Immigration Service's promise (answers within three hours). */
async function answerTimes() {
  const stats = await api('GET', '/inbox/stats?days=30');
  const cell = (field, value) => h('td', { 'data-field': field }, value);
  const row = (label, r, lang) => h('tr', lang ? { 'data-lang': lang } : { class: 'total' },
    h('td', {}, label),
    cell('waiting', String(r.waiting)),
    cell('oldest', r.oldestWaitingSince ? waitedSince(r.oldestWaitingSince) : '—'),
    cell('answered', String(r.answered)),
    cell('average', r.averageSeconds === undefined ? '—' : duration(r.averageSeconds)),
    cell('median', r.medianSeconds === undefined ? '—' : duration(r.medianSeconds)),
    cell('within-target', r.withinTarget === undefined ? '—' : `${Math.round(r.withinTarget * 100)}%`),
  );
  return h('section', { class: 'card', id: 'inbox-stats' },
    h('h2', {}, 'Tempi di risposta'),
    h('p', { class: 'muted' }, `Dalla domanda del cittadino alla prima risposta dello sportello, negli ultimi ${stats.days} giorni${stats.measuredIn === 'office_hours' ? ", contando solo l'orario di apertura" : ''}; obiettivo: entro ${duration(stats.targetSeconds)}.`),
    stats.languages.length === 0 ? h('p', {}, 'Nessuna domanda in attesa né risposta nel periodo.') : h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Lingua'), h('th', {}, 'In attesa'), h('th', {}, 'La più vecchia da'), h('th', {}, 'Risposte'), h('th', {}, 'Tempo medio'), h('th', {}, 'Mediano'), h('th', {}, 'Entro l’obiettivo'))),
      h('tbody', {},
        stats.languages.map((r) => row(`${languageName(r.language)} (${r.language})`, r, r.language)),
        stats.languages.length > 1 ? row('Tutte', stats.overall) : null)),
  );
}

export async function showInbox() {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const state = params.get('state') ?? '';
  const mine = params.get('mine') === 'true';
  const waiting = params.get('waiting') === 'true';
  const query = new URLSearchParams({ limit: '200', ...(state ? { state } : {}), ...(mine ? { mine: 'true' } : {}), ...(waiting ? { waiting: 'true' } : {}) });
  const page = await api('GET', `/inbox/conversations?${query}`);
  const filters = h('form', { class: 'actions', id: 'inbox-filters' },
    h('label', { class: 'inline-label' }, 'Stato', h('select', { name: 'state' },
      h('option', { value: '' }, 'tutti'),
      Object.entries(CONVERSATION_STATE).map(([value, name]) => h('option', { value, selected: value === state }, name)))),
    session.user.role === 'mediator' || session.user.role === 'admin'
      ? h('label', { class: 'inline-label' }, h('input', { type: 'checkbox', name: 'mine', value: 'true', checked: mine }), 'solo quelle in carico a me')
      : null,
    h('label', { class: 'inline-label' }, h('input', { type: 'checkbox', name: 'waiting', value: 'true', checked: waiting }), 'solo chi attende risposta, da chi aspetta da più tempo'),
    h('button', { class: 'secondary', type: 'submit' }, 'Filtra'),
  );
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(filters);
    const next = new URLSearchParams({
      ...(data.get('state') ? { state: String(data.get('state')) } : {}),
      ...(data.get('mine') ? { mine: 'true' } : {}),
      ...(data.get('waiting') ? { waiting: 'true' } : {}),
    });
    location.hash = `#/inbox${next.size ? `?${next}` : ''}`;
  });
  const rows = page.items.map((c) => h('tr', { 'data-id': c.id },
    h('td', {}, h('a', { href: `#/inbox/${c.id}` }, `${languageName(c.language)} (${c.language})`)),
    h('td', {}, chip(CONVERSATION_STATE[c.state] ?? c.state, c.state === 'open' ? 'needs_review' : c.state === 'answered' ? 'approved' : '')),
    h('td', {}, c.assigneeId ? (c.assigneeId === session.user.id ? 'a me' : 'a un collega') : '—'),
    h('td', {}, c.chatType === 'group' ? 'nel gruppo' : 'in privato'),
    h('td', {}, when(c.lastInboundAt)),
    h('td', { 'data-field': 'waiting' }, c.waitingSince ? waitedSince(c.waitingSince) : '—'),
  ));
  const scope = session.user.role === 'mediator' ? ` nelle mie lingue (${session.user.languages.join(', ')})` : '';
  show(
    h('h1', {}, `Domande dei cittadini${scope}`),
    await answerTimes(),
    filters,
    rows.length === 0
      ? h('p', {}, 'Nessuna conversazione.')
      : h('table', { id: 'conversations' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Lingua'), h('th', {}, 'Stato'), h('th', {}, 'In carico'), h('th', {}, 'Dove'), h('th', {}, 'Ultimo messaggio'), h('th', {}, 'Attende risposta da'))),
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

/**
 * At the citizen's request in their own words: the notices in their direct chat (all, or the topics they want),
 * a change of topics, or no more. The keyword (ISCRIVIMI) does the same without staff.
 */
function subscriptionCard(c, reload) {
  const subscribed = Boolean(c.contact.subscribedSince);
  const chosen = new Set(c.contact.subscribedTopics ?? []);
  const form = h('form', { class: 'stack card', id: 'subscription' },
    h('h2', {}, 'Avvisi in privato'),
    h('p', { class: 'muted' }, subscribed
      ? `Riceve gli avvisi in questa chat dal ${when(c.contact.subscribedSince)}: ${chosen.size ? [...chosen].map((t) => TOPIC_NAMES[t] ?? t).join(', ') : 'tutti gli argomenti'}.`
      : 'Se il cittadino lo chiede, riceverà gli avvisi del Comune in questa chat, nella sua lingua (lo può fare anche scrivendo ISCRIVIMI).'),
    h('fieldset', {}, h('legend', {}, 'Argomenti (nessuno: tutti)'),
      TOPICS.map((t) => h('label', { class: 'inline-label' }, h('input', { type: 'checkbox', name: 'topics', value: t, checked: chosen.has(t) }), TOPIC_NAMES[t] ?? t))),
    h('div', { class: 'actions' },
      h('button', { class: 'primary', type: 'submit', name: 'subscribe' }, subscribed ? 'Aggiorna gli argomenti' : 'Iscrivi agli avvisi'),
      subscribed ? h('button', {
        class: 'secondary', type: 'button', name: 'unsubscribe',
        onclick: () => void attempt(form, async () => {
          await api('DELETE', `/inbox/conversations/${c.id}/subscription`);
          await reload();
        }),
      }, 'Annulla l’iscrizione') : null),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const topics = new FormData(form).getAll('topics').map(String);
    void attempt(form, async () => {
      await api('PUT', `/inbox/conversations/${c.id}/subscription`, { topics });
      await reload();
    });
  });
  return form;
}

export async function showConversation(id) {
  const c = await api('GET', `/inbox/conversations/${id}`);
  const reload = () => refresh();
  const head = h('section', { class: 'card', id: 'conversation' },
    h('h1', {}, `${c.contact.displayName || 'Cittadino'} · ${languageName(c.language)} (${c.language})`),
    h('p', {}, chip(CONVERSATION_STATE[c.state] ?? c.state, c.state === 'open' ? 'needs_review' : ''),
      h('span', { class: 'muted' }, ` ${c.chatType === 'group' ? 'scrive nel gruppo della comunità' : 'scrive in privato'}${c.contact.optedOut ? ' · ha chiesto di non ricevere più avvisi (STOP)' : ''}${c.contact.subscribedSince ? ` · riceve gli avvisi in privato dal ${when(c.contact.subscribedSince)}` : ''}`)),
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
    /** A text posted to the conversation (`replies` or `notes`), then the conversation drawn again. */
    const textForm = (id, label, textarea, button, path) => {
      const form = h('form', { class: 'stack card', id }, h('label', {}, label, textarea), h('div', { class: 'actions' }, button));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        void attempt(form, async () => {
          await api('POST', `/inbox/conversations/${c.id}/${path}`, { text: new FormData(form).get('text') });
          await reload();
        });
      });
      return form;
    };
    const answer = h('textarea', { name: 'text', dir: directionOf(c.language), lang: c.language, required: true, maxlength: 4000 });
    const reply = textForm('reply', `Risposta (parte nella stessa chat, in ${languageName(c.language)})`,
      answer, h('button', { class: 'primary', type: 'submit' }, 'Invia la risposta'), 'replies');
    reply.prepend(await savedReplyPicker(c.language, answer), await noticeLinkPicker(c.language, answer));
    const note = textForm('note', 'Nota interna (il cittadino non la vede)',
      h('textarea', { name: 'text', required: true, maxlength: 4000 }),
      h('button', { class: 'secondary', type: 'submit' }, 'Aggiungi la nota'), 'notes');
    parts.push(reply, note);
    if (c.contact.subscribedSince || (c.chatType === 'direct' && !c.contact.optedOut)) parts.push(subscriptionCard(c, reload));
  }
  if (session.user.role === 'admin') parts.push(personalData(c));
  if (c.notes) {
    parts.push(h('section', { class: 'card', id: 'notes' }, h('h2', {}, 'Note interne'),
      c.notes.length === 0 ? h('p', { class: 'muted' }, 'Nessuna nota.') : h('ul', {}, c.notes.map((n) => h('li', {}, h('span', { class: 'muted' }, `${when(n.createdAt)} · `), n.text)))));
  }
  show(...parts);
}

/** A citizen's right to their data: an admin downloads all of it, or erases it (messages, answers, notes, deliveries). */
function personalData(c) {
  const card = h('section', { class: 'card', id: 'personal-data' },
    h('h2', {}, 'Dati personali di questa persona'),
    h('p', { class: 'muted' }, 'Su richiesta della persona: scarica tutto ciò che Sportello conserva su di lei, oppure cancellalo. La cancellazione non si può annullare.'),
  );
  card.append(h('div', { class: 'actions' },
    h('a', { class: 'secondary', id: 'export-contact', href: `/api/v1/inbox/contacts/${c.contactId}/export`, download: `contatto-${c.contactId}.json` }, 'Scarica i dati (JSON)'),
    h('button', {
      class: 'secondary', type: 'button', name: 'erase',
      onclick: () => void attempt(card, async () => {
        if (!confirm('Cancellare tutti i messaggi, le risposte, le note e gli avvisi inviati a questa persona?')) return;
        await api('DELETE', `/inbox/contacts/${c.contactId}`);
        location.hash = '#/inbox';
      }),
    }, 'Cancella tutti i dati'),
  ));
  return card;
}
