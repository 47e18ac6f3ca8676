// Translation help inside a language's card: the notice sentence by sentence, each pre-filled from the memory
// (with its score, source notice and date) or a machine draft (marked, to change or confirm), the glossary's
// terms and what the text still lacks. Saved sentence by sentence: Sportello tells where each came from.
import { html, useEffect, useState } from '../core/preact.js';
import { api } from '../core/api.js';
import { languageLabel, t, when } from '../core/i18n.js';
import { directionOf } from '../core/session.js';
import { announce, Chip, ErrorBox, Loaded, useAction, useData, useForm } from '../core/ui.js';

const textField = (key) => `text:${key}`;
const confirmField = (key) => `confirmed:${key}`;
const percent = (score) => `${Math.round(score * 100)}%`;
// Typing pauses this long before the glossary is checked again.
const CHECK_DELAY_MS = 300;

function initialValues(suggestions) {
  const values = {};
  for (const s of suggestions.segments) {
    values[textField(s.key)] = s.prefill?.text ?? '';
    values[confirmField(s.key)] = s.saved?.confirmed ?? false;
  }
  return values;
}

/**
 * The glossary's terms the text being written lacks, as the approval will see them: asked of the server (its
 * check knows each language's inflected forms), a moment after the mediator stops typing. If the question
 * fails, the last answer stays: the approval checks again anyway.
 */
function useMissingTerms(a, lang, suggestions, segments) {
  const [missing, setMissing] = useState([]);
  useEffect(() => {
    if (!suggestions.glossary.terms.length) return undefined;
    let current = true;
    const timer = setTimeout(() => {
      api('POST', `/announcements/${a.id}/translations/${encodeURIComponent(lang)}/glossary-check`, { segments })
        .then((answer) => current && setMissing(answer.warnings))
        .catch(() => undefined);
    }, CHECK_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [JSON.stringify(segments)]);
  return missing;
}

function Origin({ segment, text, confirmed, onConfirm }) {
  if (!text) return null;
  const fromMemory = segment.memory.find((m) => m.text === text);
  if (fromMemory) {
    return html`<p class="origin" data-origin="memory"><${Chip} kind="from-memory">${t('help.fromMemory', { score: percent(fromMemory.score) })}</${Chip}>
      <span class="muted">${t('help.fromNotice', { title: fromMemory.noticeTitle, date: when(fromMemory.approvedAt) })}</span></p>`;
  }
  if (segment.machine && segment.machine.text === text) {
    return html`<p class="origin" data-origin="machine"><${Chip} kind=${confirmed ? 'machine-confirmed' : 'machine'}>${t('help.machine', { engine: segment.machine.engine })}</${Chip}>
      <label class="inline-label"><input type="checkbox" name=${`confirm-${segment.key}`} checked=${confirmed} onChange=${onConfirm} /> ${t('help.confirm')}</label></p>`;
  }
  return null;
}

function SegmentRow({ segment, form, lang }) {
  const text = form.values[textField(segment.key)];
  const confirmed = form.values[confirmField(segment.key)];
  const use = (value) => () => {
    form.setValues((previous) => ({ ...previous, [textField(segment.key)]: value, [confirmField(segment.key)]: false }));
    form.setDirty(true);
  };
  const id = `segment-${lang}-${segment.key}`;
  return html`<li class="segment stack" data-key=${segment.key}>
    <label for=${id} class="source-text" lang="it">${segment.source}</label>
    <textarea id=${id} name=${`segment-${segment.key}`} rows="2" dir=${directionOf(lang)} lang=${lang} value=${text} onInput=${form.set(textField(segment.key))}></textarea>
    <${Origin} segment=${segment} text=${text} confirmed=${confirmed} onConfirm=${form.set(confirmField(segment.key))} />
    ${segment.memory.length || segment.machine ? html`<ul class="suggestions">
      ${segment.memory.map((m) => html`<li data-suggestion="memory" data-announcement=${m.announcementId}>
        <button type="button" class="secondary" onClick=${use(m.text)}>${t('help.use')}</button>
        <span dir="auto" lang=${lang}>${m.text}</span> <${Chip}>${percent(m.score)}</${Chip}>
        <a class="muted" href=${`#/announcements/${m.announcementId}`}>${t('help.fromNotice', { title: m.noticeTitle, date: when(m.approvedAt) })}</a></li>`)}
      ${segment.machine ? html`<li data-suggestion="machine">
        <button type="button" class="secondary" onClick=${use(segment.machine.text)}>${t('help.use')}</button>
        <span dir="auto" lang=${lang}>${segment.machine.text}</span> <${Chip} kind="machine">${t('help.machineShort')}</${Chip}></li>` : null}
    </ul>` : null}
  </li>`;
}

function HelpForm({ a, lang, suggestions, onDraft, onChanged }) {
  const form = useForm(initialValues(suggestions));
  const action = useAction();
  const missing = useMissingTerms(a, lang, suggestions, suggestions.segments.map((s) => ({ key: s.key, text: form.values[textField(s.key)] ?? '' })));
  const save = (event) => {
    event.preventDefault();
    void action.run(async () => {
      const segments = suggestions.segments.map((s) => ({ key: s.key, text: form.values[textField(s.key)] ?? '', confirmed: form.values[confirmField(s.key)] === true }));
      await api('PUT', `/announcements/${a.id}/translations/${encodeURIComponent(lang)}/segments`, { segments }, { 'if-match': `"${a.version}"` });
      form.setDirty(false);
      announce(t('translations.saved', { language: languageLabel(lang) }));
      await onChanged();
    });
  };
  const draft = () => void action.run(async () => {
    const drafted = await api('POST', `/announcements/${a.id}/translations/${encodeURIComponent(lang)}/machine-draft`);
    // The draft fills only the sentences still empty: what the mediator wrote stays.
    form.setValues((previous) => {
      const next = { ...previous };
      for (const s of drafted.segments) if (!next[textField(s.key)] && s.machine) next[textField(s.key)] = s.machine.text;
      return next;
    });
    form.setDirty(true);
    announce(t('help.drafted'));
    onDraft(drafted);
  });
  return html`<form class="stack" id=${`help-form-${lang}`} onSubmit=${save}>
    <${ErrorBox} error=${action.error} />
    ${suggestions.glossary.terms.length ? html`<div class="glossary-terms" id=${`glossary-terms-${lang}`}>
      <p class="muted">${t('help.glossaryTerms')}</p>
      <ul>${suggestions.glossary.terms.map((term) => html`<li data-term=${term.term}><span lang="it">${term.term}</span> → <span dir="auto" lang=${lang}>${term.rendering}</span></li>`)}</ul>
    </div>` : null}
    ${missing.length ? html`<div class="warning" role="status" id=${`glossary-warnings-${lang}`}>
      <p>${t('help.glossaryMissing')}</p>
      <ul>${missing.map((w) => html`<li data-term=${w.term}>${t('help.termMissing', { term: w.term, rendering: w.expected })}</li>`)}</ul>
    </div>` : null}
    <ol class="segments">${suggestions.segments.map((segment) => html`<${SegmentRow} key=${segment.key} segment=${segment} form=${form} lang=${lang} />`)}</ol>
    <div class="actions">
      <button class="primary" type="submit" name="save-segments" disabled=${action.busy}>${t('help.save')}</button>
      ${suggestions.translator ? html`<button class="secondary" type="button" name="machine-draft" disabled=${action.busy} onClick=${draft}>${t('help.askDraft', { engine: suggestions.translator })}</button>` : null}
    </div>
  </form>`;
}

export function TranslationHelp({ a, lang, onChanged }) {
  const suggestions = useData(() => api('GET', `/announcements/${a.id}/translations/${encodeURIComponent(lang)}/suggestions`), [a.id, lang, a.version]);
  return html`<details class="help" id=${`help-${lang}`} open>
    <summary>${t('help.title')}</summary>
    <${Loaded} ...${suggestions}>${(s) => html`<${HelpForm} key=${s.version} a=${a} lang=${lang} suggestions=${s} onChanged=${onChanged} onDraft=${() => void suggestions.reload()} />`}</${Loaded}>
  </details>`;
}
