// The notices, newest first, page by page; a mediator can narrow them to what waits for their languages.
import { html } from '../core/preact.js';
import { api } from '../core/api.js';
import { t, when } from '../core/i18n.js';
import { session } from '../core/session.js';
import { Chip, ErrorBox, Heading, Loading, More, usePaged } from '../core/ui.js';
import { languagesToTranslate } from './announcement-rules.js';

const fetchPage = async (cursor) => {
  const page = await api('GET', `/announcements?limit=50${cursor ? `&cursor=${cursor}` : ''}`);
  return { items: page.items, next: page.nextCursor };
};

export function AnnouncementsList({ route }) {
  const mine = session.user.role === 'mediator' ? session.user.languages : null;
  const onlyToDo = mine !== null && route.params.get('todo') === 'true';
  const list = usePaged(fetchPage, [], ['announcement']);
  const items = (list.items ?? []).filter((a) => !onlyToDo || languagesToTranslate(a, mine).length > 0);
  return html`
    <div class="page-head">
      <${Heading}>${onlyToDo ? t('announcements.todoTitle') : t('announcements.title')}</${Heading}>
      ${mine === null ? null : html`<p class="actions" id="announcements-filter">
        ${onlyToDo ? html`<a class="button secondary" href="#/announcements">${t('announcements.all')}</a>`
          : html`<a class="button secondary" href="#/announcements?todo=true">${t('announcements.onlyMine')}</a>`}
      </p>`}
    </div>
    <${ErrorBox} error=${list.error} />
    ${list.items === undefined ? html`<${Loading} />` : items.length === 0 ? html`<p class="empty">${t('announcements.none')}</p>` : html`
      <div class="table-wrap"><table id="announcements">
        <thead><tr>
          <th scope="col">${t('announcements.titleColumn')}</th><th scope="col">${t('common.status')}</th>
          <th scope="col">${t('announcements.translations')}</th><th scope="col">${t('announcements.topics')}</th><th scope="col">${t('common.updated')}</th>
        </tr></thead>
        <tbody>${items.map((a) => {
          const source = a.translations[a.sourceLanguage] ?? {};
          const targets = Object.entries(a.translations).filter(([lang]) => lang !== a.sourceLanguage);
          return html`<tr key=${a.id} data-id=${a.id}>
            <td><a href=${`#/announcements/${a.id}`}>${source.title ?? t('announcements.untitled')}</a></td>
            <td><${Chip} kind=${a.status}>${t(`announcementStatus.${a.status}`)}</${Chip}>${a.priority === 'urgent' ? html`<${Chip} kind="urgent">${t('announcements.urgent')}</${Chip}>` : null}</td>
            <td>${targets.map(([lang, tr]) => html`<${Chip} kind=${tr.status}>${lang}: ${t(`translationStatus.${tr.status}`)}</${Chip}>`)}</td>
            <td>${a.topics.map((topic) => t(`topics.${topic}`)).join(', ') || '—'}</td>
            <td>${when(a.updatedAt)}</td>
          </tr>`;
        })}</tbody>
      </table></div>`}
    <${More} list=${list} id="announcements-more" />`;
}
