// Saved replies: short texts in a citizen's language that a mediator inserts into an answer and adapts.
import { html } from '../core/preact.js';
import { api } from '../core/api.js';
import { languageLabel, t, when } from '../core/i18n.js';
import { navigate } from '../core/router.js';
import { can, session } from '../core/session.js';
import { announce, ErrorBox, Heading, Loaded, useAction, useData, useForm } from '../core/ui.js';

const languageQuery = (language) => (language ? `?${new URLSearchParams({ language })}` : '');
const writableLanguages = () => session.languages.map((l) => l.code).filter((code) => can.answer(code));
const readableLanguages = () => (session.user.role === 'mediator' ? session.user.languages : session.languages.map((l) => l.code));

function ReplyForm({ id, reply, language, onSaved }) {
  const start = { language: reply?.language || language || writableLanguages()[0] || '', title: reply?.title ?? '', text: reply?.text ?? '' };
  const form = useForm(start);
  const action = useAction();
  const submit = (event) => {
    event.preventDefault();
    void action.run(async () => {
      const body = { language: form.values.language, title: form.values.title, text: form.values.text };
      await (reply ? api('PUT', `/inbox/saved-replies/${reply.id}`, body) : api('POST', '/inbox/saved-replies', body));
      form.reset(reply ? form.values : { ...start, title: '', text: '' });
      announce(t('savedReplies.saved'));
      await onSaved();
    });
  };
  return html`<form class="stack card" id=${id} onSubmit=${submit}>
    <h2>${reply ? t('savedReplies.editTitle', { title: reply.title }) : t('savedReplies.newTitle')}</h2>
    <${ErrorBox} error=${action.error} />
    <label>${t('savedReplies.language')}<select name="language" required value=${form.values.language} onChange=${form.set('language')}>
      ${writableLanguages().map((code) => html`<option value=${code}>${languageLabel(code)}</option>`)}
    </select></label>
    <label>${t('savedReplies.fieldTitle')}<input type="text" name="title" required maxlength="120" value=${form.values.title} onInput=${form.set('title')} /></label>
    <label>${t('savedReplies.fieldText')}<textarea name="text" dir="auto" required maxlength="4000" value=${form.values.text} onInput=${form.set('text')}></textarea></label>
    <div class="actions"><button class="primary" type="submit" disabled=${action.busy}>${reply ? t('common.save') : t('common.add')}</button></div>
  </form>`;
}

function DeleteButton({ reply, onDeleted }) {
  const action = useAction();
  const remove = () => void action.run(async () => {
    if (!window.confirm(t('savedReplies.deleteConfirm', { title: reply.title, language: reply.language }))) return;
    await api('DELETE', `/inbox/saved-replies/${reply.id}`);
    announce(t('savedReplies.deleted'));
    await onDeleted();
  });
  return html`<button class="secondary danger" type="button" name="delete" onClick=${remove}>${t('common.delete')}</button><${ErrorBox} error=${action.error} />`;
}

export function SavedReplies({ route }) {
  const language = route.params.get('language') ?? '';
  const editing = route.params.get('edit');
  const replies = useData(() => api('GET', `/inbox/saved-replies${languageQuery(language)}`).then((body) => body.items), [language]);
  const editHref = (r) => `#/saved-replies?${new URLSearchParams({ ...(language ? { language } : {}), edit: r.id })}`;
  return html`
    <${Heading}>${t('savedReplies.title')}</${Heading}>
    <p class="muted">${t('savedReplies.intro')}</p>
    <p class="filters" id="saved-replies-filter"><label class="inline-label">${t('common.language')}
      <select name="language" value=${language} onChange=${(event) => navigate(`#/saved-replies${languageQuery(event.currentTarget.value)}`)}>
        <option value="">${session.user.role === 'mediator' ? t('savedReplies.allMine') : t('savedReplies.allLanguages')}</option>
        ${readableLanguages().map((code) => html`<option value=${code}>${languageLabel(code)}</option>`)}
      </select></label></p>
    <${Loaded} ...${replies}>${(items) => {
      const edited = items.find((r) => r.id === editing);
      const byLanguage = new Map();
      for (const r of items) byLanguage.set(r.language, [...(byLanguage.get(r.language) ?? []), r]);
      return html`
        ${edited && can.answer(edited.language) ? html`<${ReplyForm} key=${edited.id} id="edit-saved-reply" reply=${edited} language=${language} onSaved=${async () => { await replies.reload(); navigate(`#/saved-replies${languageQuery(language)}`); }} />` : null}
        ${items.length === 0 ? html`<p class="empty" id="saved-replies">${t('savedReplies.none')}</p>` : html`<div id="saved-replies">${[...byLanguage].map(([lang, list]) => html`
          <section class="card" data-lang=${lang} aria-labelledby=${`replies-${lang}`}><h2 id=${`replies-${lang}`}>${languageLabel(lang)}</h2>
            <div class="table-wrap"><table>
              <thead><tr><th scope="col">${t('savedReplies.fieldTitleShort')}</th><th scope="col">${t('savedReplies.fieldTextShort')}</th><th scope="col">${t('common.updated')}</th><th scope="col"><span class="visually-hidden">${t('common.actions')}</span></th></tr></thead>
              <tbody>${list.map((r) => html`<tr data-reply=${r.id} key=${r.id}>
                <td data-field="title">${r.title}</td>
                <td data-field="text"><p class="saved-reply-text" dir="auto" lang=${r.language}>${r.text}</p></td>
                <td>${when(r.updatedAt)}</td>
                <td>${can.answer(r.language) ? html`<div class="actions"><a href=${editHref(r)}>${t('common.edit')}</a><${DeleteButton} reply=${r} onDeleted=${replies.reload} /></div>` : null}</td>
              </tr>`)}</tbody>
            </table></div></section>`)}</div>`}`;
    }}</${Loaded}>
    ${writableLanguages().length > 0 ? html`<${ReplyForm} id="new-saved-reply" language=${language} onSaved=${replies.reload} />` : html`<p class="muted">${t('savedReplies.whoWrites')}</p>`}`;
}
