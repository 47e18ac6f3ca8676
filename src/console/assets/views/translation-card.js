// One language of a notice: its text (kept by this card while other cards save), approval, and the preview of
// what the groups will receive on each platform, before and after approving.
import { html, useEffect, useState } from '../core/preact.js';
import { api } from '../core/api.js';
import { languageLabel, t } from '../core/i18n.js';
import { can, directionOf } from '../core/session.js';
import { announce, Chip, ErrorBox, useAction, useForm } from '../core/ui.js';
import { PUBLISHED } from './announcement-rules.js';
import { TranslationHelp } from './translation-help.js';

const PLATFORMS = { whatsapp: 'WhatsApp', wechat: 'WeChat' };

function Preview({ a, lang }) {
  const [shown, setShown] = useState(null);
  const action = useAction();
  const show = (channel) => void action.run(async () => {
    const rendered = await api('GET', `/announcements/${a.id}/preview?lang=${encodeURIComponent(lang)}&channel=${channel}`);
    setShown({ channel, parts: rendered.parts });
  });
  return html`<details class="preview" data-lang=${lang}>
    <summary>${t('translations.preview')}</summary>
    <div class="actions">${Object.entries(PLATFORMS).map(([channel, name]) => html`<button class="secondary" type="button" name=${`preview-${channel}`} onClick=${() => show(channel)}>${name}</button>`)}</div>
    <${ErrorBox} error=${action.error} />
    ${shown ? html`<div class="phone-preview">
      <p class="muted">${PLATFORMS[shown.channel]}: ${t('translations.messages', { count: shown.parts.length })}</p>
      ${shown.parts.map((part, i) => html`<p class="bubble us preview-part" dir="auto" lang=${lang} data-part=${String(i + 1)}>${part}</p>`)}
    </div>` : null}
  </details>`;
}

export function TranslationCard({ a, lang, onChanged }) {
  const tr = a.translations[lang];
  const dir = directionOf(lang);
  const editable = can.translate(lang) && !PUBLISHED.has(a.status);
  const form = useForm({ title: tr.title ?? '', body: tr.body ?? '' });
  const action = useAction();
  // Someone else's saved text shows here, unless this person is in the middle of writing theirs.
  useEffect(() => {
    if (!form.dirty) form.reset({ title: tr.title ?? '', body: tr.body ?? '' });
  }, [tr.title, tr.body]);
  const save = (event) => {
    event.preventDefault();
    void action.run(async () => {
      await api('PUT', `/announcements/${a.id}/translations/${encodeURIComponent(lang)}`, { title: form.values.title, body: form.values.body, version: a.version });
      form.setDirty(false);
      announce(t('translations.saved', { language: languageLabel(lang) }));
      await onChanged();
    });
  };
  const approve = () => void action.run(async () => {
    if (form.dirty) throw new Error(t('translations.saveFirst'));
    await api('POST', `/announcements/${a.id}/translations/${encodeURIComponent(lang)}/approve`, { version: a.version });
    announce(t('translations.approved', { language: languageLabel(lang) }));
    await onChanged();
  });
  const headingId = `translation-${lang}`;
  return html`<section class="card translation" data-lang=${lang} aria-labelledby=${headingId}>
    <h3 id=${headingId}>${languageLabel(lang)} <${Chip} kind=${tr.status}>${t(`translationStatus.${tr.status}`)}</${Chip}>
      ${tr.stale ? html`<${Chip} kind="needs_review">${t('translations.stale')}</${Chip}>` : null}</h3>
    <form class="stack" data-lang=${lang} onSubmit=${save}>
      <${ErrorBox} error=${action.error} />
      <label>${t('announcements.fieldTitle')}<input type="text" name="title" dir=${dir} lang=${lang} required readonly=${!editable} value=${form.values.title} onInput=${form.set('title')} /></label>
      <label>${t('announcements.fieldBody')}<textarea name="body" dir=${dir} lang=${lang} required readonly=${!editable} value=${form.values.body} onInput=${form.set('body')}></textarea></label>
      <div class="actions">
        ${editable ? html`<button class="secondary" type="submit" name="save" disabled=${action.busy}>${t('translations.save')}</button>` : null}
        ${can.approve(lang) && (tr.status === 'draft' || tr.status === 'needs_review') ? html`<button class="primary" type="button" name="approve" disabled=${action.busy} onClick=${approve}>${t('translations.approve')}</button>` : null}
      </div>
    </form>
    ${editable ? html`<${TranslationHelp} a=${a} lang=${lang} onChanged=${onChanged} />` : null}
    ${tr.status === 'missing' ? null : html`<${Preview} a=${a} lang=${lang} />`}
  </section>`;
}
