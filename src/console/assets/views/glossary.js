// The glossary of administrative terms, per language, kept by that language's mediators; and, per language,
// what helped write the approved translations (memory, machine drafts, typing).
import { html } from '../core/preact.js';
import { api } from '../core/api.js';
import { languageLabel, t, when } from '../core/i18n.js';
import { navigate } from '../core/router.js';
import { can, session } from '../core/session.js';
import { announce, ErrorBox, Heading, Loaded, useAction, useData, useForm } from '../core/ui.js';

const keptLanguages = () => session.languages.map((l) => l.code).filter((code) => code !== 'it' && can.approve(code));
const percent = (share) => `${Math.round(share * 100)}%`;

function HelpStats() {
  const stats = useData(() => api('GET', '/translation-help/stats').then((body) => body.items), [], ['announcement']);
  return html`<section class="card" aria-labelledby="help-stats-title"><h2 id="help-stats-title">${t('glossary.statsTitle')}</h2>
    <${Loaded} ...${stats}>${(items) => (items.length === 0 ? html`<p class="empty" id="help-stats">${t('glossary.noStats')}</p>` : html`<div class="table-wrap"><table id="help-stats">
      <thead><tr><th scope="col">${t('common.language')}</th><th scope="col">${t('glossary.approvedCount')}</th><th scope="col">${t('glossary.fromMemory')}</th><th scope="col">${t('glossary.fromMachine')}</th><th scope="col">${t('glossary.typed')}</th></tr></thead>
      <tbody>${items.map((row) => html`<tr data-lang=${row.lang}><th scope="row">${languageLabel(row.lang)}</th><td>${row.translations}</td>
        <td data-share="memory">${percent(row.shares.memory)}</td><td data-share="machine">${percent(row.shares.machine)}</td><td data-share="typed">${percent(row.shares.typed)}</td></tr>`)}</tbody>
    </table></div>`)}</${Loaded}>
  </section>`;
}

function TermForm({ id, term, lang, onSaved }) {
  const start = { lang: term?.lang || lang || keptLanguages()[0] || '', term: term?.term ?? '', rendering: term?.rendering ?? '', note: term?.note ?? '' };
  const form = useForm(start);
  const action = useAction();
  const submit = (event) => {
    event.preventDefault();
    void action.run(async () => {
      const v = form.values;
      const fields = { term: v.term, rendering: v.rendering, ...(v.note.trim() ? { note: v.note } : {}) };
      await (term ? api('PUT', `/glossary/${term.id}`, fields) : api('POST', '/glossary', { lang: v.lang, ...fields }));
      form.reset(term ? v : { ...start, term: '', rendering: '', note: '' });
      announce(t('glossary.saved', { term: v.term }));
      await onSaved();
    });
  };
  return html`<form class="stack card" id=${id} onSubmit=${submit}>
    <h2>${term ? t('glossary.editTitle', { term: term.term }) : t('glossary.newTitle')}</h2>
    <${ErrorBox} error=${action.error} />
    ${term ? null : html`<label>${t('common.language')}<select name="lang" required value=${form.values.lang} onChange=${form.set('lang')}>
      ${keptLanguages().map((code) => html`<option value=${code}>${languageLabel(code)}</option>`)}
    </select></label>`}
    <label>${t('glossary.term')}<input type="text" name="term" lang="it" required maxlength="120" value=${form.values.term} onInput=${form.set('term')} /></label>
    <label>${t('glossary.rendering')}<input type="text" name="rendering" dir="auto" required maxlength="200" value=${form.values.rendering} onInput=${form.set('rendering')} /></label>
    <label>${t('glossary.note')}<input type="text" name="note" dir="auto" maxlength="500" value=${form.values.note} onInput=${form.set('note')} /></label>
    <div class="actions"><button class="primary" type="submit" disabled=${action.busy}>${term ? t('common.save') : t('common.add')}</button></div>
  </form>`;
}

function RemoveTerm({ term, onRemoved }) {
  const action = useAction();
  const remove = () => void action.run(async () => {
    if (!window.confirm(t('glossary.deleteConfirm', { term: term.term }))) return;
    await api('DELETE', `/glossary/${term.id}`);
    announce(t('glossary.deleted', { term: term.term }));
    await onRemoved();
  });
  return html`<button class="secondary danger" type="button" name="delete" onClick=${remove}>${t('common.delete')}</button><${ErrorBox} error=${action.error} />`;
}

export function Glossary({ route }) {
  const lang = route.params.get('lang') ?? '';
  const editing = route.params.get('edit');
  const terms = useData(() => api('GET', `/glossary${lang ? `?${new URLSearchParams({ lang })}` : ''}`).then((body) => body.items), [lang]);
  const here = (extra = {}) => `#/glossary?${new URLSearchParams({ ...(lang ? { lang } : {}), ...extra })}`;
  return html`
    <${Heading}>${t('glossary.title')}</${Heading}>
    <p class="muted">${t('glossary.intro')}</p>
    <${HelpStats} />
    <p class="filters" id="glossary-filter"><label class="inline-label">${t('common.language')}
      <select name="lang" value=${lang} onChange=${(event) => navigate(`#/glossary${event.currentTarget.value ? `?lang=${encodeURIComponent(event.currentTarget.value)}` : ''}`)}>
        <option value="">${t('glossary.allLanguages')}</option>
        ${session.languages.filter((l) => l.code !== 'it').map((l) => html`<option value=${l.code}>${languageLabel(l.code)}</option>`)}
      </select></label></p>
    <${Loaded} ...${terms}>${(items) => {
      const edited = items.find((term) => term.id === editing);
      const byLanguage = new Map();
      for (const term of items) byLanguage.set(term.lang, [...(byLanguage.get(term.lang) ?? []), term]);
      return html`
        ${edited && can.approve(edited.lang) ? html`<${TermForm} key=${edited.id} id="edit-glossary-term" term=${edited} onSaved=${async () => { await terms.reload(); navigate(here()); }} />` : null}
        ${items.length === 0 ? html`<p class="empty" id="glossary">${t('glossary.none')}</p>` : html`<div id="glossary">${[...byLanguage].map(([code, list]) => html`
          <section class="card" data-lang=${code} aria-labelledby=${`glossary-${code}`}><h2 id=${`glossary-${code}`}>${languageLabel(code)}</h2>
            <div class="table-wrap"><table>
              <thead><tr><th scope="col">${t('glossary.term')}</th><th scope="col">${t('glossary.rendering')}</th><th scope="col">${t('glossary.note')}</th><th scope="col">${t('common.updated')}</th><th scope="col"><span class="visually-hidden">${t('common.actions')}</span></th></tr></thead>
              <tbody>${list.map((term) => html`<tr data-term=${term.id} key=${term.id}>
                <td data-field="term" lang="it">${term.term}</td>
                <td data-field="rendering" dir="auto" lang=${code}>${term.rendering}</td>
                <td dir="auto">${term.note ?? ''}</td>
                <td>${when(term.updatedAt)}</td>
                <td>${can.approve(code) ? html`<div class="actions"><a href=${here({ edit: term.id })}>${t('common.edit')}</a><${RemoveTerm} term=${term} onRemoved=${terms.reload} /></div>` : null}</td>
              </tr>`)}</tbody>
            </table></div></section>`)}</div>`}`;
    }}</${Loaded}>
    ${keptLanguages().length > 0 ? html`<${TermForm} id="new-glossary-term" lang=${lang} onSaved=${terms.reload} />` : html`<p class="muted">${t('glossary.whoKeeps')}</p>`}`;
}
