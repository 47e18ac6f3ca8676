// Published notices a mediator can point a citizen to: the public page of the notice, in the citizen's language.
import { api, ApiError } from '../core/api.js';
import { h, when } from '../core/dom.js';
import { appendToAnswer } from './saved-replies.js';

/** Notices that went out (or are going out): their pages are public. */
const LINKABLE = new Set(['sending', 'sent']);

/**
 * The recent published notices that can be read in `language` (approved translation, or written in it), for a
 * conversation's answer: choosing one puts its title and the address of its page into the answer. Nothing is
 * shown when there is none, or when they cannot be read now: the answer does not need them.
 */
export async function noticeLinkPicker(language, textarea) {
  const box = h('div', { id: 'notice-link-picker' });
  let items;
  try {
    ({ items } = await api('GET', '/announcements?limit=50'));
  } catch (error) {
    if (error instanceof ApiError && error.sessionExpired) throw error;
    return box;
  }
  const notices = items.filter((a) => LINKABLE.has(a.status) && a.noticeUrls?.[language] && a.translations[language]?.title);
  if (notices.length === 0) return box;
  const menu = h('details', {}, h('summary', {}, `Avvisi pubblicati da segnalare (${notices.length})`));
  menu.append(h('ul', { class: 'saved-reply-choices' }, notices.map((a) => {
    const title = a.translations[language].title;
    return h('li', { 'data-announcement': a.id },
      h('button', {
        class: 'secondary', type: 'button', name: 'link-notice',
        onclick: () => {
          menu.open = false;
          appendToAnswer(textarea, `${title}\n${a.noticeUrls[language]}`);
        },
      }, a.translations[a.sourceLanguage]?.title ?? title),
      h('p', { class: 'saved-reply-text muted', dir: 'auto', lang: language }, `${title} · ${when(a.publishedAt)}`));
  })));
  box.append(menu);
  return box;
}
