// Citizens' questions: the answer times and the queue, each row readable at a glance (who, the start of their
// last message, since when they wait). It follows the live stream.
import { html } from '../core/preact.js';
import { api } from '../core/api.js';
import { duration, languageLabel, t, waitedSince, when } from '../core/i18n.js';
import { navigate } from '../core/router.js';
import { can, session } from '../core/session.js';
import { Chip, ErrorBox, Heading, Loaded, Loading, More, useData, useForm, usePaged } from '../core/ui.js';

export const STATE_KIND = { open: 'needs_review', assigned: '', answered: 'approved', closed: 'cancelled' };

function AnswerTimes() {
  const stats = useData(() => api('GET', '/inbox/stats?days=30'), [], ['conversation', 'outbound', 'counts']);
  return html`<section class="card" id="inbox-stats" aria-labelledby="stats-title">
    <h2 id="stats-title">${t('inbox.answerTimes')}</h2>
    <${Loaded} ...${stats}>${(s) => {
      const row = (label, r, lang) => html`<tr data-lang=${lang} class=${lang ? '' : 'total'}>
        <th scope="row">${label}</th>
        <td data-field="waiting">${String(r.waiting)}</td>
        <td data-field="oldest">${r.oldestWaitingSince ? waitedSince(r.oldestWaitingSince) : '—'}</td>
        <td data-field="answered">${String(r.answered)}</td>
        <td data-field="average">${r.averageSeconds === undefined ? '—' : duration(r.averageSeconds)}</td>
        <td data-field="median">${r.medianSeconds === undefined ? '—' : duration(r.medianSeconds)}</td>
        <td data-field="within-target">${r.withinTarget === undefined ? '—' : `${Math.round(r.withinTarget * 100)}%`}</td>
      </tr>`;
      return html`<p class="muted">${t(s.measuredIn === 'office_hours' ? 'inbox.statsIntroOffice' : 'inbox.statsIntro', { count: s.days, target: duration(s.targetSeconds) })}</p>
        ${s.languages.length === 0 ? html`<p>${t('inbox.noStats')}</p>` : html`<div class="table-wrap"><table>
          <thead><tr><th scope="col">${t('common.language')}</th><th scope="col">${t('inbox.waiting')}</th><th scope="col">${t('inbox.oldest')}</th><th scope="col">${t('inbox.answered')}</th><th scope="col">${t('inbox.average')}</th><th scope="col">${t('inbox.median')}</th><th scope="col">${t('inbox.withinTarget')}</th></tr></thead>
          <tbody>${s.languages.map((r) => row(languageLabel(r.language), r, r.language))}${s.languages.length > 1 ? row(t('inbox.all'), s.overall) : null}</tbody>
        </table></div>`}`;
    }}</${Loaded}>
  </section>`;
}

function Filters({ params }) {
  const form = useForm({ state: params.get('state') ?? '', mine: params.get('mine') === 'true', waiting: params.get('waiting') === 'true' }, { guard: false });
  const submit = (event) => {
    event.preventDefault();
    form.setDirty(false);
    const v = form.values;
    const next = new URLSearchParams({ ...(v.state ? { state: v.state } : {}), ...(v.mine ? { mine: 'true' } : {}), ...(v.waiting ? { waiting: 'true' } : {}) });
    navigate(`#/inbox${next.size ? `?${next}` : ''}`);
  };
  return html`<form class="filters" id="inbox-filters" onSubmit=${submit}>
    <label class="inline-label">${t('common.status')}<select name="state" value=${form.values.state} onChange=${form.set('state')}>
      <option value="">${t('inbox.allStates')}</option>
      ${['open', 'assigned', 'answered', 'closed'].map((state) => html`<option value=${state}>${t(`conversationState.${state}`)}</option>`)}
    </select></label>
    ${can.workInbox() ? html`<label class="inline-label"><input type="checkbox" name="mine" checked=${form.values.mine} onChange=${form.set('mine')} /> ${t('inbox.onlyMine')}</label>` : null}
    <label class="inline-label"><input type="checkbox" name="waiting" checked=${form.values.waiting} onChange=${form.set('waiting')} /> ${t('inbox.onlyWaiting')}</label>
    <button class="secondary" type="submit">${t('common.filter')}</button>
  </form>`;
}

export function Inbox({ route }) {
  const params = route.params;
  const query = new URLSearchParams({ limit: '50' });
  for (const key of ['state', 'mine', 'waiting']) if (params.get(key)) query.set(key, params.get(key));
  const key = query.toString();
  const fetchPage = async (after) => {
    const page = await api('GET', `/inbox/conversations?${key}${after ? `&after=${after}` : ''}`);
    return { items: page.items, next: page.next ?? null };
  };
  const list = usePaged(fetchPage, [key], ['conversation', 'outbound']);
  const scope = session.user.role === 'mediator' ? t('inbox.inMyLanguages', { languages: session.user.languages.join(', ') }) : '';
  return html`
    <${Heading}>${t('inbox.title')}${scope}</${Heading}>
    <${AnswerTimes} />
    <${Filters} params=${params} key=${key} />
    <${ErrorBox} error=${list.error} />
    ${list.items === undefined ? html`<${Loading} />` : list.items.length === 0 ? html`<p class="empty">${t('inbox.none')}</p>` : html`
      <div class="table-wrap"><table id="conversations" class="queue">
        <thead><tr><th scope="col">${t('inbox.who')}</th><th scope="col">${t('inbox.lastMessage')}</th><th scope="col">${t('common.status')}</th><th scope="col">${t('inbox.assignee')}</th><th scope="col">${t('inbox.waitingSince')}</th></tr></thead>
        <tbody>${list.items.map((c) => html`<tr key=${c.id} data-id=${c.id} class=${c.waitingSince ? 'waiting' : ''}>
          <td data-field="who"><a href=${`#/inbox/${c.id}`}>${c.displayName || t('inbox.citizen')}</a>
            <span class="muted block">${languageLabel(c.language)} · ${c.chatType === 'group' ? t('inbox.inGroup') : t('inbox.direct')}</span></td>
          <td data-field="last-message"><span dir="auto" class="excerpt">${c.lastMessage?.text ?? ''}${c.lastMessage?.media ? ` [${t('conversation.attachment', { kind: c.lastMessage.media })}]` : ''}</span><span class="muted block">${when(c.lastMessage?.receivedAt ?? c.lastInboundAt)}</span></td>
          <td><${Chip} kind=${STATE_KIND[c.state]}>${t(`conversationState.${c.state}`)}</${Chip}></td>
          <td>${c.assigneeId ? (c.assigneeId === session.user.id ? t('inbox.toMe') : t('inbox.toColleague')) : '—'}</td>
          <td data-field="waiting">${c.waitingSince ? waitedSince(c.waitingSince) : '—'}</td>
        </tr>`)}</tbody>
      </table></div>`}
    <${More} list=${list} id="conversations-more" />`;
}
