// Above an answer: the saved replies of the citizen's language and the published notices readable in it.
// Choosing one puts its text after what is already written, to adapt before sending.
import { html } from '../core/preact.js';
import { api } from '../core/api.js';
import { languageName, t, when } from '../core/i18n.js';
import { useData } from '../core/ui.js';

/** Notices that went out (or are going out): their pages are public. */
const LINKABLE = new Set(['sending', 'sent']);
const languageQuery = (language) => `?${new URLSearchParams({ language })}`;

function closeMenu(event) {
  const menu = event.currentTarget.closest('details');
  if (menu) menu.open = false;
}

export function AnswerHelpers({ language, onInsert }) {
  const replies = useData(() => api('GET', `/inbox/saved-replies${languageQuery(language)}`).then((body) => body.items), [language]);
  const notices = useData(() => api('GET', '/announcements?limit=50').then((body) => body.items.filter((a) => LINKABLE.has(a.status) && a.noticeUrls?.[language] && a.translations[language]?.title)), [language], ['announcement']);
  return html`<div class="answer-helpers">
    <div id="saved-reply-picker">
      ${replies.error ? html`<p class="muted">${t('savedReplies.unavailable')}</p>`
        : replies.data === undefined ? null
        : replies.data.length === 0 ? html`<p class="muted">${t('savedReplies.noneIn', { language: languageName(language) })} <a href=${`#/saved-replies${languageQuery(language)}`}>${t('savedReplies.addOne')}</a></p>`
        : html`<details><summary>${t('savedReplies.picker', { count: replies.data.length })}</summary>
          <ul class="choices-list">${replies.data.map((r) => html`<li data-reply=${r.id}>
            <button class="secondary" type="button" name="insert" onClick=${(event) => { closeMenu(event); onInsert(r.text); }}>${r.title}</button>
            <p class="saved-reply-text muted" dir="auto" lang=${r.language}>${r.text}</p></li>`)}</ul>
          <p class="muted"><a href=${`#/saved-replies${languageQuery(language)}`}>${t('savedReplies.manage', { language: languageName(language) })}</a></p>
        </details>`}
    </div>
    ${notices.data?.length ? html`<div id="notice-link-picker"><details><summary>${t('noticeLinks.picker', { count: notices.data.length })}</summary>
      <ul class="choices-list">${notices.data.map((a) => html`<li data-announcement=${a.id}>
        <button class="secondary" type="button" name="link-notice" onClick=${(event) => { closeMenu(event); onInsert(`${a.translations[language].title}\n${a.noticeUrls[language]}`); }}>${a.translations[a.sourceLanguage]?.title ?? a.translations[language].title}</button>
        <p class="saved-reply-text muted" dir="auto" lang=${language}>${a.translations[language].title} · ${when(a.publishedAt)}</p></li>`)}</ul>
    </details></div>` : null}
  </div>`;
}
