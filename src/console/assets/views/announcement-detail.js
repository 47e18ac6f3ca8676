// One notice: what it says, its editing (with the version it was read at: someone else's change in between is
// a conflict, shown as such), its history, publishing or scheduling, who it reaches, the deliveries, and
// one card per translation. Each form keeps its own text while the page follows the live stream.
import { html, useEffect, useState } from '../core/preact.js';
import { api } from '../core/api.js';
import { t, when } from '../core/i18n.js';
import { can } from '../core/session.js';
import { announce, Chip, ErrorBox, Heading, Loaded, useAction, useData, useForm } from '../core/ui.js';
import { PUBLISHED } from './announcement-rules.js';
import { isoOf, LanguageChoices, TopicChoices } from './announcement-new.js';
import { DeliverySummary, FailedDeliveries } from './deliveries.js';
import { ReachTable } from './reach.js';
import { TranslationCard } from './translation-card.js';

/** An ISO instant as a `datetime-local` value in the browser's time zone. */
const localOf = (iso) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

function editValues(a) {
  const source = a.translations[a.sourceLanguage] ?? {};
  return {
    title: source.title ?? '', body: source.body ?? '', topics: a.topics, priority: a.priority, validUntil: localOf(a.validUntil),
    targetLanguages: Object.keys(a.translations).filter((lang) => lang !== a.sourceLanguage),
  };
}

/** The Italian text and settings, sent with `If-Match` on the version this form was filled from. */
function EditForm({ a, onChanged }) {
  const form = useForm({ ...editValues(a), baseVersion: a.version });
  const action = useAction();
  useEffect(() => {
    if (!form.dirty) form.reset({ ...editValues(a), baseVersion: a.version });
  }, [a.version]);
  const save = (event) => {
    event.preventDefault();
    void action.run(async () => {
      const v = form.values;
      await api('PATCH', `/announcements/${a.id}`, {
        title: v.title, body: v.body, topics: v.topics, priority: v.priority, targetLanguages: v.targetLanguages, validUntil: v.validUntil ? isoOf(v.validUntil) : null,
      }, { 'if-match': `"${v.baseVersion}"` });
      form.setDirty(false);
      announce(t('announcements.saved'));
      await onChanged();
    });
  };
  const takeLatest = () => {
    form.reset({ ...editValues(a), baseVersion: a.version });
    action.setError(null);
  };
  const conflict = action.error?.status === 409 || action.error?.status === 412;
  // Open or closed as the person left it: a redraw (a live change) must not fold it under their text.
  const [open, setOpen] = useState(false);
  return html`<details class="card" id="edit-announcement" open=${open || conflict} onToggle=${(event) => setOpen(event.currentTarget.open)}>
    <summary><h2>${t('announcements.edit')}</h2></summary>
    <form class="stack" onSubmit=${save}>
      <${ErrorBox} error=${action.error} />
      ${conflict ? html`<div class="actions"><button type="button" class="secondary" name="take-latest" onClick=${takeLatest}>${t('announcements.takeLatest', { version: a.version })}</button></div>` : null}
      <label>${t('announcements.fieldTitle')}<input type="text" name="title" required maxlength="200" value=${form.values.title} onInput=${form.set('title')} /></label>
      <label>${t('announcements.fieldBody')}<textarea name="body" required value=${form.values.body} onInput=${form.set('body')}></textarea></label>
      <${TopicChoices} form=${form} />
      <${LanguageChoices} form=${form} legend=${t('announcements.communityLanguages')} exclude=${a.sourceLanguage} />
      <label>${t('announcements.priority')}<select name="priority" value=${form.values.priority} onChange=${form.set('priority')}>
        <option value="normal">${t('priority.normal')}</option><option value="urgent">${t('priority.urgentLong')}</option>
      </select></label>
      <label>${t('announcements.validUntil')}<input type="datetime-local" name="validUntil" value=${form.values.validUntil} onInput=${form.set('validUntil')} /></label>
      <p class="muted">${t('announcements.editingVersion', { version: form.values.baseVersion })}</p>
      <div class="actions"><button class="primary" type="submit" name="save-announcement" disabled=${action.busy}>${t('common.save')}</button></div>
    </form>
  </details>`;
}

function PublishBar({ a, onChanged }) {
  const form = useForm({ scheduledAt: '' }, { guard: false });
  const action = useAction();
  const publish = () => void action.run(async () => {
    await api('POST', `/announcements/${a.id}/publish`, { version: a.version, ...(form.values.scheduledAt ? { scheduledAt: isoOf(form.values.scheduledAt) } : {}) });
    form.reset();
    announce(form.values.scheduledAt ? t('announcements.scheduled', { at: when(isoOf(form.values.scheduledAt)) }) : t('announcements.published'));
    await onChanged();
  });
  const cancel = () => void action.run(async () => {
    if (!window.confirm(t('announcements.cancelConfirm'))) return;
    await api('POST', `/announcements/${a.id}/cancel`, { version: a.version });
    announce(t('announcements.cancelled'));
    await onChanged();
  });
  const canPublish = can.write() && !PUBLISHED.has(a.status);
  const canCancel = can.write() && ['draft', 'in_translation', 'approved', 'scheduled', 'sending'].includes(a.status);
  if (!canPublish && !canCancel) return null;
  return html`<div class="publish">
    <${ErrorBox} error=${action.error} />
    <div class="actions">
      ${canPublish ? html`<label class="inline-label">${t('announcements.scheduleFor')}<input type="datetime-local" name="scheduledAt" value=${form.values.scheduledAt} onInput=${form.set('scheduledAt')} /></label>
        <button class="primary" type="button" name="publish" disabled=${action.busy} onClick=${publish}>${form.values.scheduledAt ? t('announcements.schedule') : t('announcements.publish')}</button>` : null}
      ${canCancel ? html`<button class="secondary danger" type="button" name="cancel" disabled=${action.busy} onClick=${cancel}>${t('announcements.cancel')}</button>` : null}
    </div>
  </div>`;
}

/** What happened to the notice, in words: who wrote, translated, approved, published it, and when. */
function History({ a }) {
  const history = useData(() => api('GET', `/announcements/${a.id}/history`).then((body) => body.items), [a.id, a.version]);
  const people = useData(() => (can.admin() ? api('GET', '/users?limit=200').then((body) => new Map(body.items.map((u) => [u.id, u.name]))) : Promise.resolve(new Map())), []);
  const who = (by) => (by === 'system' ? 'Sportello' : people.data?.get(by) ?? t('history.colleague'));
  return html`<details class="card" id="history">
    <summary><h2>${t('history.title')}</h2></summary>
    <${Loaded} ...${history}>${(items) => html`<ol class="history">${[...items].reverse().map((entry) => html`<li data-action=${entry.action}>
      <span class="muted">${when(entry.at)}</span> · ${t(`history.${entry.action}`, { who: who(entry.by), language: entry.lang ?? '', version: entry.version })}
      ${entry.staleLanguages?.length ? html` <span class="muted">${t('history.stale', { languages: entry.staleLanguages.join(', ') })}</span>` : null}
      ${entry.warnings?.length ? html`<ul class="warnings">${entry.warnings.map((w) => html`<li data-term=${w.term}>${t('help.termMissing', { term: w.term, rendering: w.expected })}</li>`)}</ul>` : null}
    </li>`)}</ol>`}</${Loaded}>
  </details>`;
}

export function AnnouncementDetail({ route }) {
  const id = route.path.split('/')[2];
  const notice = useData(() => api('GET', `/announcements/${id}`), [id], ['announcement', 'delivery-progress'], (event) => event.id === id || event.announcementId === id);
  return html`<${Loaded} ...${notice}>${(a) => {
    const source = a.translations[a.sourceLanguage] ?? {};
    const translations = Object.keys(a.translations).filter((lang) => lang !== a.sourceLanguage);
    const published = PUBLISHED.has(a.status);
    return html`
      <section class="card" id="announcement">
        <${Heading}>${source.title ?? t('announcements.untitled')}</${Heading}>
        <p><${Chip} kind=${a.status}>${t(`announcementStatus.${a.status}`)}</${Chip}>${a.priority === 'urgent' ? html`<${Chip} kind="urgent">${t('announcements.urgent')}</${Chip}>` : null}
          <span class="muted"> ${t('announcements.meta', { version: a.version, topics: a.topics.map((topic) => t(`topics.${topic}`)).join(', ') || '—', until: when(a.validUntil) })}</span>
          ${a.scheduledAt && a.status === 'scheduled' ? html`<span class="muted"> · ${t('announcements.scheduledAt', { at: when(a.scheduledAt) })}</span>` : null}</p>
        <p lang=${a.sourceLanguage} class="source-text">${source.body ?? ''}</p>
        <p><a href=${a.noticeUrl}>${t('announcements.publicPage')}</a></p>
        <${PublishBar} a=${a} onChanged=${notice.reload} />
      </section>
      ${can.write() && !published ? html`<${EditForm} a=${a} onChanged=${notice.reload} />` : null}
      ${published ? html`<${DeliverySummary} a=${a} /><${FailedDeliveries} a=${a} />` : html`<${ReachTable} notice=${a} />`}
      <h2>${t('translations.title')}</h2>
      ${translations.length === 0 ? html`<p class="muted">${t('translations.none')}</p>`
        : translations.map((lang) => html`<${TranslationCard} key=${lang} a=${a} lang=${lang} onChanged=${notice.reload} />`)}
      <${History} a=${a} />`;
  }}</${Loaded}>`;
}
