// Saved replies ("risposte pronte"): short texts in a citizen's language that a mediator inserts into an
// answer and edits before sending. The page that keeps them, and the picker above a conversation's answer.
import { api, ApiError } from '../core/api.js';
import { attempt, h, show, when } from '../core/dom.js';
import { refresh } from '../core/navigation.js';
import { can, languageList, languageName, session } from '../core/session.js';

const languageLabel = (code) => `${languageName(code)} (${code})`;

/** `?language=…`, or nothing for every language the person reads. */
const languageQuery = (language) => (language ? `?${new URLSearchParams({ language })}` : '');

/** The languages whose saved replies the signed-in person may write: those they may answer in. */
const writableLanguages = () => languageList().map((l) => l.code).filter((code) => can.answer(code));

/** What the list may be narrowed to: a mediator's own languages (the API shows them no other), otherwise all. */
const readableLanguages = () => (session.user.role === 'mediator' ? session.user.languages : languageList().map((l) => l.code));

/**
 * The form that adds a saved reply (`reply` undefined, in `language` if the list shows one) or changes one;
 * the API's problem shows above it.
 */
function replyForm(id, reply, language, onSaved) {
  const form = h('form', { class: 'stack card', id },
    h('h2', {}, reply ? `Modifica: ${reply.title}` : 'Nuova risposta pronta'),
    h('label', {}, 'Lingua del cittadino', h('select', { name: 'language', required: true },
      writableLanguages().map((code) => h('option', { value: code, selected: code === (reply?.language ?? language) }, languageLabel(code))))),
    h('label', {}, 'Titolo (in italiano, per lo sportello)', h('input', { type: 'text', name: 'title', required: true, maxlength: 120, value: reply?.title ?? '' })),
    h('label', {}, 'Testo (nella lingua del cittadino)', h('textarea', { name: 'text', dir: 'auto', required: true, maxlength: 4000 }, reply?.text ?? '')),
    h('div', { class: 'actions' }, h('button', { class: 'primary', type: 'submit' }, reply ? 'Salva' : 'Aggiungi')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = { language: data.get('language'), title: data.get('title'), text: data.get('text') };
    void attempt(form, async () => {
      await (reply ? api('PUT', `/inbox/saved-replies/${reply.id}`, body) : api('POST', '/inbox/saved-replies', body));
      await onSaved();
    });
  });
  return form;
}

function deleteButton(reply) {
  return h('button', {
    class: 'secondary', type: 'button', name: 'delete',
    onclick: () => {
      if (!confirm(`Eliminare la risposta pronta «${reply.title}» (${reply.language})?`)) return;
      void attempt(document.getElementById('main'), async () => {
        await api('DELETE', `/inbox/saved-replies/${reply.id}`);
        await refresh();
      });
    },
  }, 'Elimina');
}

/** One table per language, in the API's order (language, then title); changes only where the person may make them. */
function replyTables(items, editHref) {
  const byLanguage = new Map();
  for (const r of items) byLanguage.set(r.language, [...(byLanguage.get(r.language) ?? []), r]);
  return [...byLanguage].map(([language, replies]) => h('section', { class: 'card', 'data-lang': language },
    h('h2', {}, languageLabel(language)),
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Titolo'), h('th', {}, 'Testo'), h('th', {}, 'Aggiornata'), h('th', {}, ''))),
      h('tbody', {}, replies.map((r) => h('tr', { 'data-reply': r.id },
        h('td', { 'data-field': 'title' }, r.title),
        h('td', { 'data-field': 'text' }, h('p', { class: 'saved-reply-text', dir: 'auto', lang: r.language }, r.text)),
        h('td', {}, when(r.updatedAt)),
        h('td', {}, can.answer(r.language) ? h('div', { class: 'actions' }, h('a', { href: editHref(r) }, 'Modifica'), deleteButton(r)) : null),
      ))))));
}

export async function showSavedReplies() {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const language = params.get('language') ?? '';
  const { items } = await api('GET', `/inbox/saved-replies${languageQuery(language)}`);

  const filter = h('select', { name: 'language', 'aria-label': 'Lingua' },
    h('option', { value: '' }, session.user.role === 'mediator' ? 'tutte le mie lingue' : 'tutte le lingue'),
    readableLanguages().map((code) => h('option', { value: code, selected: code === language }, languageLabel(code))));
  filter.addEventListener('change', () => {
    location.hash = `#/saved-replies${languageQuery(filter.value)}`;
  });
  const parts = [
    h('h1', {}, 'Risposte pronte'),
    h('p', { class: 'muted' }, 'Testi brevi nella lingua del cittadino (i documenti per un rinnovo, gli orari dello sportello): nella conversazione si inseriscono nella risposta, si adattano e si inviano.'),
    h('p', { class: 'actions', id: 'saved-replies-filter' }, h('label', { class: 'inline-label' }, 'Lingua', filter)),
  ];
  const edited = items.find((r) => r.id === params.get('edit'));
  if (edited && can.answer(edited.language)) {
    parts.push(replyForm('edit-saved-reply', edited, language, async () => {
      location.hash = `#/saved-replies${languageQuery(language)}`;
    }));
  }
  const editHref = (r) => `#/saved-replies?${new URLSearchParams({ ...(language ? { language } : {}), edit: r.id })}`;
  parts.push(items.length === 0
    ? h('p', { id: 'saved-replies' }, 'Nessuna risposta pronta.')
    : h('div', { id: 'saved-replies' }, replyTables(items, editHref)));
  parts.push(writableLanguages().length > 0
    ? replyForm('new-saved-reply', undefined, language, refresh)
    : h('p', { class: 'muted' }, 'Le risposte pronte le scrivono i mediatori di ciascuna lingua e l’amministrazione.'));
  show(...parts);
}

/**
 * Puts `text` into an answer, after what is already written (past a blank line), and leaves the cursor at its
 * end, to adapt it before sending.
 */
export function appendToAnswer(textarea, text) {
  const written = textarea.value.trimEnd();
  textarea.value = written ? `${written}\n\n${text}` : text;
  textarea.focus();
  textarea.setSelectionRange(textarea.value.length, textarea.value.length);
}

/**
 * The saved replies of a conversation's language, for its answer: choosing one puts its text into `textarea`
 * (after what is already written, past a blank line) and leaves the cursor at its end, to adapt it before sending.
 */
export async function savedReplyPicker(language, textarea) {
  const box = h('div', { id: 'saved-reply-picker' });
  const manage = (label) => h('a', { href: `#/saved-replies${languageQuery(language)}` }, label);
  let items;
  try {
    ({ items } = await api('GET', `/inbox/saved-replies${languageQuery(language)}`));
  } catch (error) {
    // The conversation stays usable without them; only a lost session goes back to the sign-in page.
    if (error instanceof ApiError && error.sessionExpired) throw error;
    box.append(h('p', { class: 'muted' }, `Risposte pronte non disponibili: ${error instanceof Error ? error.message : String(error)}`));
    return box;
  }
  if (items.length === 0) {
    box.append(h('p', { class: 'muted' }, `Nessuna risposta pronta in ${languageName(language)}. `, manage('Aggiungine una')));
    return box;
  }
  const menu = h('details', {}, h('summary', {}, `Risposte pronte (${items.length})`));
  const insert = (reply) => {
    menu.open = false;
    appendToAnswer(textarea, reply.text);
  };
  menu.append(h('ul', { class: 'saved-reply-choices' }, items.map((r) => h('li', { 'data-reply': r.id },
    h('button', { class: 'secondary', type: 'button', name: 'insert', onclick: () => insert(r) }, r.title),
    h('p', { class: 'saved-reply-text muted', dir: 'auto', lang: r.language }, r.text)))));
  box.append(menu, h('p', { class: 'muted' }, manage(`Gestisci le risposte pronte in ${languageName(language)}`)));
  return box;
}
