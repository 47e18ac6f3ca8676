// A new notice, written in Italian: the reach table follows the form as it is written; or one started from the
// content library (recurring notices, already translated).
import { html } from '../core/preact.js';
import { api } from '../core/api.js';
import { languageLabel, t } from '../core/i18n.js';
import { navigate } from '../core/router.js';
import { can, session } from '../core/session.js';
import { announce, ErrorBox, Heading, Loaded, useAction, useData, useForm } from '../core/ui.js';
import { TOPICS } from './announcement-rules.js';
import { ReachTable } from './reach.js';

/** A `datetime-local` value as an ISO instant (the browser's time zone is the office's). */
export const isoOf = (local) => (local ? new Date(local).toISOString() : undefined);

export function TopicChoices({ form, legend }) {
  return html`<fieldset class="choices"><legend>${legend ?? t('announcements.topics')}</legend>
    ${TOPICS.map((topic) => html`<label><input type="checkbox" name="topics" value=${topic} checked=${form.values.topics.includes(topic)} onChange=${form.toggle('topics', topic)} /> ${t(`topics.${topic}`)}</label>`)}
  </fieldset>`;
}

export function LanguageChoices({ form, name = 'targetLanguages', legend, exclude = 'it' }) {
  return html`<fieldset class="choices"><legend>${legend}</legend>
    ${session.languages.filter((l) => l.code !== exclude).map((l) => html`<label><input type="checkbox" name=${name} value=${l.code} checked=${form.values[name].includes(l.code)} onChange=${form.toggle(name, l.code)} /> ${languageLabel(l.code)}</label>`)}
  </fieldset>`;
}

function NewAnnouncementForm() {
  const form = useForm({ title: '', body: '', topics: [], targetLanguages: [], priority: 'normal', validUntil: '' });
  const action = useAction();
  const submit = (event) => {
    event.preventDefault();
    void action.run(async () => {
      const v = form.values;
      const created = await api('POST', '/announcements', {
        title: v.title, body: v.body, topics: v.topics, targetLanguages: v.targetLanguages, priority: v.priority,
        ...(v.validUntil ? { validUntil: isoOf(v.validUntil) } : {}),
      });
      form.reset();
      announce(t('announcements.created'));
      navigate(`#/announcements/${created.id}`);
    });
  };
  const notice = { sourceLanguage: 'it', topics: form.values.topics, targetLanguages: form.values.targetLanguages, priority: form.values.priority };
  return html`<div class="two-columns">
    <form class="stack card" id="new-announcement" onSubmit=${submit}>
      <${ErrorBox} error=${action.error} />
      <label>${t('announcements.fieldTitle')}<input type="text" name="title" required maxlength="200" value=${form.values.title} onInput=${form.set('title')} /></label>
      <label>${t('announcements.fieldBody')}<textarea name="body" required value=${form.values.body} onInput=${form.set('body')}></textarea></label>
      <${TopicChoices} form=${form} />
      <${LanguageChoices} form=${form} legend=${t('announcements.communityLanguages')} />
      <label>${t('announcements.priority')}<select name="priority" value=${form.values.priority} onChange=${form.set('priority')}>
        <option value="normal">${t('priority.normal')}</option><option value="urgent">${t('priority.urgentLong')}</option>
      </select></label>
      <label>${t('announcements.validUntil')}<input type="datetime-local" name="validUntil" value=${form.values.validUntil} onInput=${form.set('validUntil')} /></label>
      <div class="actions"><button class="primary" type="submit" disabled=${action.busy}>${t('announcements.saveDraft')}</button></div>
    </form>
    <${ReachTable} notice=${notice} />
  </div>`;
}

/** One recurring notice of the content library: its placeholders filled in, it becomes a new notice. */
function TemplateCard({ template }) {
  const names = Object.keys(template.placeholders ?? {});
  const form = useForm(Object.fromEntries(names.map((name) => [name, ''])));
  const action = useAction();
  const source = template.texts[template.sourceLanguage] ?? Object.values(template.texts)[0] ?? {};
  const submit = (event) => {
    event.preventDefault();
    void action.run(async () => {
      const created = await api('POST', `/templates/${encodeURIComponent(template.id)}/announcements`, { values: form.values });
      form.reset();
      announce(t('announcements.created'));
      navigate(`#/announcements/${created.id}`);
    });
  };
  return html`<li class="card template" data-template=${template.id}>
    <h3>${source.title ?? template.id}</h3>
    <p class="muted">${template.topics.map((topic) => t(`topics.${topic}`)).join(', ')} · ${t('templates.languages', { count: template.languages.length })}</p>
    <form class="stack" onSubmit=${submit}>
      <${ErrorBox} error=${action.error} />
      ${names.map((name) => html`<label>${template.placeholders[name]}<input type="text" name=${name} required maxlength="500" value=${form.values[name]} onInput=${form.set(name)} /></label>`)}
      <div class="actions"><button class="secondary" type="submit" name="use-template" disabled=${action.busy}>${t('templates.use')}</button></div>
    </form>
  </li>`;
}

function TemplateLibrary() {
  const templates = useData(() => api('GET', '/templates').then((body) => body.items), []);
  return html`<section class="card" id="templates" aria-labelledby="templates-title">
    <h2 id="templates-title">${t('templates.title')}</h2>
    <p class="muted">${t('templates.intro')}</p>
    <${Loaded} ...${templates}>${(items) => (items.length === 0 ? html`<p class="muted">${t('templates.none')}</p>`
      : html`<ul class="template-list">${items.map((template) => html`<${TemplateCard} key=${template.id} template=${template} />`)}</ul>`)}</${Loaded}>
  </section>`;
}

export function NewAnnouncement() {
  if (!can.write()) return html`<${Heading}>${t('announcements.newTitle')}</${Heading}><p class="error" role="alert">${t('announcements.onlyEditors')}</p>`;
  return html`<${Heading}>${t('announcements.newTitle')}</${Heading}><${NewAnnouncementForm} /><${TemplateLibrary} />`;
}
