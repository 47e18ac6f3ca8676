// The demo's simulated chat accounts, as the citizens' phones would show them: every community group and direct
// chat, live, with a box to write as a citizen, and a new citizen writing for the first time. A newcomer plays
// the whole loop here: publish a notice and watch it arrive; ask a question and watch the answer come back.
import { html, useEffect, useRef } from '../core/preact.js';
import { api } from '../core/api.js';
import { t, when } from '../core/i18n.js';
import { session } from '../core/session.js';
import { announce, ErrorBox, Heading, Loaded, useAction, useData, useForm } from '../core/ui.js';

const path = (account, rest = '') => `/simulator/${encodeURIComponent(account)}${rest}`;
/** Someone writing in a group is known by a stable id made from their name, as a platform would keep it. */
/** What a simulated account imitates, when the API says it; otherwise a simulator, told as such. */
const platformName = (platform) => ({ wechat: 'WeChat', whatsapp: 'WhatsApp' })[platform] ?? t('simulator.simulated');
const senderIdOf = (name) => `sim-citizen-${encodeURIComponent(name.trim().toLowerCase().replace(/\s+/g, '-'))}`;

function Compose({ account, chat, onSent }) {
  const group = chat.type === 'group';
  const form = useForm({ senderName: group ? '' : chat.name, text: '', mentionsUs: group });
  const action = useAction();
  const submit = (event) => {
    event.preventDefault();
    void action.run(async () => {
      const v = form.values;
      await api('POST', path(account, '/inbound'), {
        chatId: chat.chatId, senderId: group ? senderIdOf(v.senderName) : chat.chatId, senderName: v.senderName, text: v.text, ...(group ? { mentionsUs: v.mentionsUs } : {}),
      });
      form.reset({ ...v, text: '' });
      announce(t('simulator.sentAs', { name: v.senderName }));
      await onSent();
    });
  };
  const id = `compose-${chat.chatId.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
  return html`<form class="compose" onSubmit=${submit} aria-label=${t('simulator.writeAs')}>
    <${ErrorBox} error=${action.error} />
    <label for=${`${id}-name`} class="visually-hidden">${t('simulator.name')}</label>
    <input id=${`${id}-name`} type="text" name="senderName" required maxlength="200" placeholder=${t('simulator.name')} value=${form.values.senderName} onInput=${form.set('senderName')} />
    <label for=${`${id}-text`} class="visually-hidden">${t('simulator.text')}</label>
    <textarea id=${`${id}-text`} name="text" rows="2" required maxlength="4096" dir="auto" placeholder=${t('simulator.text')} value=${form.values.text} onInput=${form.set('text')}></textarea>
    ${group ? html`<label class="inline-label small"><input type="checkbox" name="mentionsUs" checked=${form.values.mentionsUs} onChange=${form.set('mentionsUs')} /> ${t('simulator.mention')}</label>` : null}
    <button class="primary" type="submit" name="send-as-citizen" disabled=${action.busy}>${t('simulator.send')}</button>
  </form>`;
}

function Phone({ account, chat, platform }) {
  const messages = useData(() => api('GET', path(account, `/chats/${encodeURIComponent(chat.chatId)}/messages`)), [account, chat.chatId],
    ['simulator', 'outbound', 'delivery-progress'], (event, name) => name !== 'simulator' || ((event.chatRef === undefined || event.chatRef === chat.ref) && (event.accountId ?? account) === account));
  const thread = useRef(null);
  useEffect(() => {
    if (thread.current) thread.current.scrollTop = thread.current.scrollHeight;
  }, [messages.data?.length]);
  const titleId = `phone-${account}-${chat.chatId}`.replace(/[^a-zA-Z0-9_-]/g, '_');
  return html`<section class=${`phone ${platform}`} data-account=${account} data-chat=${chat.chatId} data-type=${chat.type} aria-labelledby=${titleId}>
    <header class="phone-head"><h2 id=${titleId}>${chat.name}</h2>
      <span class="muted small">${platformName(platform)} · ${chat.type === 'group' ? t('simulator.group') : t('simulator.direct')}</span></header>
    <ol class="thread" ref=${thread} tabindex="0" aria-label=${t('simulator.thread', { name: chat.name })}>
      <${Loaded} ...${messages}>${(items) => (items.length === 0 ? html`<li class="muted empty-thread">${t('simulator.empty')}</li>`
        : items.map((m) => html`<li key=${m.id} class=${`bubble ${m.fromUs ? 'us' : 'citizen'}`} data-from=${m.fromUs ? 'us' : 'citizen'}>
          <p class="text" dir="auto">${m.text}</p><p class="meta">${m.fromUs ? 'Sportello' : m.senderName ?? ''} ${when(m.at)}</p></li>`))}</${Loaded}>
    </ol>
    <${Compose} account=${account} chat=${chat} onSent=${messages.reload} />
  </section>`;
}

function NewCitizen({ accounts, onCreated }) {
  const form = useForm({ account: accounts[0]?.account ?? '', name: '', text: '' });
  const action = useAction();
  const submit = (event) => {
    event.preventDefault();
    void action.run(async () => {
      const v = form.values;
      const chat = await api('POST', path(v.account, '/chats'), { name: v.name });
      await api('POST', path(v.account, '/inbound'), { chatId: chat.chatId, senderId: chat.chatId, senderName: v.name, text: v.text });
      form.reset({ ...v, name: '', text: '' });
      announce(t('simulator.newCitizenWrote', { name: v.name }));
      await onCreated();
    });
  };
  return html`<form class="card stack" id="new-citizen" onSubmit=${submit}>
    <h2>${t('simulator.newCitizen')}</h2>
    <p class="muted">${t('simulator.newCitizenIntro')}</p>
    <${ErrorBox} error=${action.error} />
    <div class="row">
      <label>${t('simulator.account')}<select name="account" value=${form.values.account} onChange=${form.set('account')}>${accounts.map((a) => html`<option value=${a.account}>${a.account} (${platformName(a.platform)})</option>`)}</select></label>
      <label>${t('simulator.name')}<input type="text" name="name" required maxlength="200" value=${form.values.name} onInput=${form.set('name')} /></label>
    </div>
    <label>${t('simulator.firstMessage')}<textarea name="text" required maxlength="4096" dir="auto" value=${form.values.text} onInput=${form.set('text')}></textarea></label>
    <div class="actions"><button class="primary" type="submit" name="new-citizen">${t('simulator.startChat')}</button></div>
  </form>`;
}

export function Simulator() {
  if (session.simulatedAccounts.length === 0) return html`<${Heading}>${t('simulator.title')}</${Heading}><p class="error" role="alert">${t('simulator.none')}</p>`;
  return html`<${SimulatedAccounts} />`;
}

function SimulatedAccounts() {
  const accounts = useData(async () => {
    const statuses = await api('GET', '/connectors');
    return Promise.all(session.simulatedAccounts.map(async (account) => ({
      account, platform: statuses.find((s) => s.account === account)?.imitates ?? statuses.find((s) => s.account === account)?.platform, chats: await api('GET', path(account, '/chats')),
    })));
  }, [], ['simulator'], (event) => event.chatRef !== undefined);
  return html`<${Heading}>${t('simulator.title')}</${Heading}>
    <p class="lead">${t('simulator.intro')}</p>
    <${Loaded} ...${accounts}>${(list) => html`
      <${NewCitizen} accounts=${list} onCreated=${accounts.reload} />
      ${list.map((a) => html`<section class="sim-account" aria-labelledby=${`account-${a.account}`}>
        <h2 id=${`account-${a.account}`} class="section-title">${t('simulator.accountTitle', { account: a.account, platform: platformName(a.platform) })}</h2>
        <div class="phones">${[...a.chats].sort((x, y) => (x.type === y.type ? 0 : x.type === 'group' ? -1 : 1)).map((chat) => html`<${Phone} key=${chat.chatId} account=${a.account} platform=${a.platform} chat=${chat} />`)}</div>
      </section>`)}`}</${Loaded}>`;
}
