// One conversation: the citizen's messages and ours (their states follow the live stream), taking it, its
// language (the fix for a wrong guess), the answer with saved replies and notice links, notes, the
// subscription to notices, and the citizen's data. Each form keeps its text while the thread updates.
import { html, useEffect, useState } from '../core/preact.js';
import { api } from '../core/api.js';
import { languageLabel, languageName, t, when } from '../core/i18n.js';
import { navigate } from '../core/router.js';
import { can, directionOf, session } from '../core/session.js';
import { announce, Chip, ErrorBox, Heading, Loaded, useAction, useData, useForm } from '../core/ui.js';
import { TOPICS } from './announcement-rules.js';
import { STATE_KIND } from './inbox.js';
import { AnswerHelpers } from './answer-helpers.js';

/**
 * An Italian machine draft of one citizen message, asked for by the mediator, only where the town turned that on.
 * Kept in the page only: Sportello does not store it.
 */
function MessageTranslation({ c, messageId }) {
  const [draft, setDraft] = useState(null);
  const action = useAction();
  const ask = () => void action.run(async () => setDraft(await api('POST', `/inbox/conversations/${c.id}/messages/${messageId}/translation`)));
  if (draft) {
    return html`<div class="machine-translation" data-message=${messageId}><${Chip} kind="machine">${t('conversation.machineDraft', { engine: draft.engine })}</${Chip}>
      <p lang="it" class="text">${draft.text}</p></div>`;
  }
  return html`<${ErrorBox} error=${action.error} /><button type="button" class="secondary small" name="translate-message" data-message=${messageId} disabled=${action.busy} onClick=${ask}>${t('conversation.translate')}</button>`;
}

function Timeline({ c, onChanged }) {
  const action = useAction();
  const retry = (o) => void action.run(async () => {
    await api('POST', `/inbox/conversations/${c.id}/outbound/${o.id}/retry`);
    announce(t('conversation.retried'));
    await onChanged();
  });
  const items = [
    ...c.messages.map((m) => ({ key: `m${m.id ?? m.receivedAt}`, id: m.id, at: m.receivedAt, from: 'citizen', text: m.text, note: m.media ? t('conversation.attachment', { kind: m.media.kind }) : null })),
    ...c.outbound.map((o) => ({ key: `o${o.id}`, at: o.createdAt, from: 'us', text: o.text, outbound: o })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return html`<${ErrorBox} error=${action.error} />
    <ol class="timeline" id="timeline" aria-label=${t('conversation.timeline')}>${items.map((item) => html`<li key=${item.key} class=${`bubble ${item.from}`} data-from=${item.from} data-state=${item.outbound?.state}>
      <p class="meta">${item.from === 'citizen' ? c.contact.displayName || t('inbox.citizen') : 'Sportello'} · ${when(item.at)}
        ${item.outbound ? html` · ${t(`outboundKind.${item.outbound.kind}`)} · <${Chip} kind=${item.outbound.state}>${t(`outboundState.${item.outbound.state}`)}</${Chip}>${item.outbound.reason ? ` (${item.outbound.reason})` : ''}` : null}
        ${item.note ? ` · ${item.note}` : null}</p>
      <p dir="auto" class="text">${item.text ?? ''}</p>
      ${item.from === 'citizen' && item.id && item.text && c.machineTranslation && (c.unsure || can.answer(c.language)) ? html`<${MessageTranslation} c=${c} messageId=${item.id} />` : null}
      ${item.outbound?.state === 'failed' && can.answer(c.language) ? html`<button type="button" class="secondary small" name="retry-outbound" onClick=${() => retry(item.outbound)}>${t('conversation.retry')}</button>` : null}
    </li>`)}</ol>`;
}

function Actions({ c, onChanged }) {
  const action = useAction();
  const act = (path, message) => () => void action.run(async () => {
    await api('POST', `/inbox/conversations/${c.id}/${path}`, path === 'assign' ? {} : undefined);
    announce(message);
    await onChanged();
  });
  return html`<${ErrorBox} error=${action.error} /><div class="actions">
    ${c.assigneeId !== session.user.id && c.state !== 'closed' ? html`<button class="primary" type="button" name="assign" onClick=${act('assign', t('conversation.assigned'))}>${t('conversation.assign')}</button>` : null}
    ${c.state === 'closed' ? html`<button class="secondary" type="button" name="reopen" onClick=${act('reopen', t('conversation.reopened'))}>${t('conversation.reopen')}</button>`
      : html`<button class="secondary" type="button" name="close" onClick=${act('close', t('conversation.closed'))}>${t('conversation.close')}</button>`}
  </div>`;
}

/** A wrong guess of the citizen's language is fixed here: the conversation moves to that language's mediators. */
function LanguageForm({ c, onChanged }) {
  const form = useForm({ language: c.language }, { guard: false });
  const action = useAction();
  const submit = (event) => {
    event.preventDefault();
    void action.run(async () => {
      await api('POST', `/inbox/conversations/${c.id}/language`, { language: form.values.language });
      form.setDirty(false);
      announce(t('conversation.languageChanged', { language: languageName(form.values.language) }));
      await onChanged();
    });
  };
  return html`<form class="inline-form" id="conversation-language" onSubmit=${submit}>
    <${ErrorBox} error=${action.error} />
    <label class="inline-label">${t('conversation.language')}<select name="language" value=${form.values.language} onChange=${form.set('language')}>
      ${session.languages.map((l) => html`<option value=${l.code}>${languageLabel(l.code)}</option>`)}
    </select></label>
    <button class="secondary" type="submit" name="change-language" disabled=${form.values.language === c.language}>${t('conversation.changeLanguage')}</button>
  </form>`;
}

/** A text posted to the conversation (`replies` or `notes`). */
function TextForm({ c, id, path, label, submitLabel, primary, saved, helpers, onChanged }) {
  const form = useForm({ text: '' });
  const action = useAction();
  const submit = (event) => {
    event.preventDefault();
    void action.run(async () => {
      await api('POST', `/inbox/conversations/${c.id}/${path}`, { text: form.values.text });
      form.reset({ text: '' });
      announce(saved);
      await onChanged();
    });
  };
  const append = (text) => {
    const written = form.values.text.trimEnd();
    form.setValues({ text: written ? `${written}\n\n${text}` : text });
    form.setDirty(true);
    const area = document.querySelector(`#${id} textarea`);
    area?.focus();
  };
  const answer = path === 'replies';
  return html`<form class="stack card" id=${id} onSubmit=${submit}>
    ${helpers ? html`<${AnswerHelpers} language=${c.language} onInsert=${append} />` : null}
    <${ErrorBox} error=${action.error} />
    <label>${label}<textarea name="text" required maxlength="4000" dir=${answer ? directionOf(c.language) : undefined} lang=${answer ? c.language : undefined}
      value=${form.values.text} onInput=${form.set('text')}></textarea></label>
    <div class="actions"><button class=${primary ? 'primary' : 'secondary'} type="submit" disabled=${action.busy}>${submitLabel}</button></div>
  </form>`;
}

function Subscription({ c, onChanged }) {
  const subscribed = Boolean(c.contact.subscribedSince);
  const form = useForm({ topics: c.contact.subscribedTopics ?? [] });
  const action = useAction();
  useEffect(() => {
    if (!form.dirty) form.reset({ topics: c.contact.subscribedTopics ?? [] });
  }, [(c.contact.subscribedTopics ?? []).join(',')]);
  const submit = (event) => {
    event.preventDefault();
    void action.run(async () => {
      await api('PUT', `/inbox/conversations/${c.id}/subscription`, { topics: form.values.topics });
      form.setDirty(false);
      announce(t('subscription.saved'));
      await onChanged();
    });
  };
  const unsubscribe = () => void action.run(async () => {
    await api('DELETE', `/inbox/conversations/${c.id}/subscription`);
    announce(t('subscription.removed'));
    await onChanged();
  });
  const chosen = c.contact.subscribedTopics ?? [];
  return html`<form class="stack card" id="subscription" onSubmit=${submit}>
    <h2>${t('subscription.title')}</h2>
    <${ErrorBox} error=${action.error} />
    <p class="muted">${subscribed ? t('subscription.since', { at: when(c.contact.subscribedSince), topics: chosen.length ? chosen.map((topic) => t(`topics.${topic}`)).join(', ') : t('subscription.allTopics') }) : t('subscription.intro')}</p>
    <fieldset class="choices"><legend>${t('subscription.topics')}</legend>
      ${TOPICS.map((topic) => html`<label><input type="checkbox" name="topics" value=${topic} checked=${form.values.topics.includes(topic)} onChange=${form.toggle('topics', topic)} /> ${t(`topics.${topic}`)}</label>`)}
    </fieldset>
    <div class="actions">
      <button class="primary" type="submit" name="subscribe">${subscribed ? t('subscription.update') : t('subscription.subscribe')}</button>
      ${subscribed ? html`<button class="secondary" type="button" name="unsubscribe" onClick=${unsubscribe}>${t('subscription.unsubscribe')}</button>` : null}
    </div>
  </form>`;
}

function PersonalData({ c }) {
  const action = useAction();
  const erase = () => void action.run(async () => {
    if (!window.confirm(t('personalData.eraseConfirm'))) return;
    await api('DELETE', `/inbox/contacts/${c.contactId}`);
    announce(t('personalData.erased'));
    navigate('#/inbox');
  });
  return html`<section class="card" id="personal-data" aria-labelledby="personal-data-title">
    <h2 id="personal-data-title">${t('personalData.title')}</h2>
    <p class="muted">${t('personalData.intro')}</p>
    <${ErrorBox} error=${action.error} />
    <div class="actions">
      <a class="button secondary" id="export-contact" href=${`/api/v1/inbox/contacts/${c.contactId}/export`} download=${`contatto-${c.contactId}.json`}>${t('personalData.export')}</a>
      <button class="secondary danger" type="button" name="erase" onClick=${erase}>${t('personalData.erase')}</button>
    </div>
  </section>`;
}

export function Conversation({ route }) {
  const id = route.path.split('/')[2];
  const conversation = useData(() => api('GET', `/inbox/conversations/${id}`), [id], ['conversation', 'outbound'], (event) => event.id === id || event.conversationId === id);
  return html`<${Loaded} ...${conversation}>${(c) => {
    const reload = conversation.reload;
    const works = can.answer(c.language);
    return html`
      <section class="card" id="conversation">
        <${Heading}>${c.contact.displayName || t('inbox.citizen')} · ${languageLabel(c.language)}</${Heading}>
        <p><${Chip} kind=${STATE_KIND[c.state]}>${t(`conversationState.${c.state}`)}</${Chip}>
          <span class="muted"> ${c.chatType === 'group' ? t('conversation.inGroup') : t('conversation.direct')}${c.contact.optedOut ? ` · ${t('conversation.optedOut')}` : ''}${c.contact.subscribedSince ? ` · ${t('conversation.subscribedSince', { at: when(c.contact.subscribedSince) })}` : ''}</span></p>
        ${works ? html`<${Actions} c=${c} onChanged=${reload} /><${LanguageForm} c=${c} onChanged=${reload} key=${c.language} />` : null}
      </section>
      <${Timeline} c=${c} onChanged=${reload} />
      ${works ? html`
        <${TextForm} c=${c} id="reply" path="replies" primary helpers label=${t('conversation.answerLabel', { language: languageName(c.language) })} submitLabel=${t('conversation.send')} saved=${t('conversation.sent')} onChanged=${reload} />
        <${TextForm} c=${c} id="note" path="notes" label=${t('conversation.noteLabel')} submitLabel=${t('conversation.addNote')} saved=${t('conversation.noted')} onChanged=${reload} />
        ${c.contact.subscribedSince || (c.chatType === 'direct' && !c.contact.optedOut) ? html`<${Subscription} c=${c} onChanged=${reload} />` : null}` : null}
      ${session.user.role === 'admin' ? html`<${PersonalData} c=${c} />` : null}
      ${c.notes ? html`<section class="card" id="notes" aria-labelledby="notes-title"><h2 id="notes-title">${t('conversation.notes')}</h2>
        ${c.notes.length === 0 ? html`<p class="muted">${t('conversation.noNotes')}</p>` : html`<ul>${c.notes.map((n) => html`<li><span class="muted">${when(n.createdAt)} · </span>${n.text}</li>`)}</ul>`}
      </section>` : null}`;
  }}</${Loaded}>`;
}
