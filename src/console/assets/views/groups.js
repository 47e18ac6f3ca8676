// The community groups: each one's language, topics, quiet hours; register one or all of an account's groups,
// delete one the Comune left.
import { html } from '../core/preact.js';
import { api } from '../core/api.js';
import { languageLabel, t } from '../core/i18n.js';
import { navigate } from '../core/router.js';
import { can, session } from '../core/session.js';
import { announce, Chip, ErrorBox, Heading, Loaded, More, useAction, useData, useForm, usePaged } from '../core/ui.js';
import { TopicChoices } from './announcement-new.js';

function LanguageSelect({ form }) {
  return html`<label>${t('common.language')}<select name="language" value=${form.values.language} onChange=${form.set('language')}>
    ${session.languages.map((l) => html`<option value=${l.code}>${languageLabel(l.code)}</option>`)}
  </select></label>`;
}

/** A group's settings; `group` undefined: a new one, with its account and chat id. */
function GroupForm({ id, group, accounts, onSaved }) {
  const form = useForm({
    account: group?.account ?? accounts[0]?.account ?? '', chatId: group?.chatId ?? '', name: group?.name ?? '', language: group?.language ?? 'zh-Hans',
    topics: group?.topics ?? [], enabled: group?.enabled ?? true, quietFrom: group?.quietHours?.from ?? '', quietTo: group?.quietHours?.to ?? '',
  });
  const action = useAction();
  const submit = (event) => {
    event.preventDefault();
    void action.run(async () => {
      const v = form.values;
      const body = {
        account: v.account, chatId: v.chatId, name: v.name, language: v.language, topics: v.topics, enabled: v.enabled,
        ...(v.quietFrom || v.quietTo ? { quietHours: { from: v.quietFrom, to: v.quietTo } } : {}),
      };
      await (group ? api('PUT', `/groups/${group.id}`, body) : api('POST', '/groups', body));
      form.setDirty(false);
      announce(t('groups.saved', { name: v.name }));
      await onSaved();
    });
  };
  return html`<form class="stack card" id=${id} data-group=${group?.id} onSubmit=${submit}>
    <h2>${group ? t('groups.editTitle', { name: group.name }) : t('groups.newTitle')}</h2>
    <${ErrorBox} error=${action.error} />
    ${group ? null : html`
      <label>${t('groups.account')}<select name="account" value=${form.values.account} onChange=${form.set('account')}>${accounts.map((a) => html`<option value=${a.account}>${a.account} (${a.platform})</option>`)}</select></label>
      <label>${t('groups.chatId')}<input type="text" name="chatId" required maxlength="200" value=${form.values.chatId} onInput=${form.set('chatId')} /></label>`}
    <label>${t('groups.name')}<input type="text" name="name" required maxlength="200" value=${form.values.name} onInput=${form.set('name')} /></label>
    <${LanguageSelect} form=${form} />
    <${TopicChoices} form=${form} legend=${t('groups.topics')} />
    <label class="inline-label"><input type="checkbox" name="enabled" checked=${form.values.enabled} onChange=${form.set('enabled')} /> ${t('groups.enabled')}</label>
    <fieldset class="choices"><legend>${t('groups.quietHours')}</legend>
      <label>${t('groups.quietFrom')} <input type="time" name="quietFrom" value=${form.values.quietFrom} onInput=${form.set('quietFrom')} /></label>
      <label>${t('groups.quietTo')} <input type="time" name="quietTo" value=${form.values.quietTo} onInput=${form.set('quietTo')} /></label>
    </fieldset>
    <div class="actions"><button class="primary" type="submit" disabled=${action.busy}>${group ? t('common.save') : t('groups.create')}</button></div>
  </form>`;
}

function ImportForm({ accounts, onSaved }) {
  const form = useForm({ account: accounts[0]?.account ?? '', language: 'zh-Hans' });
  const action = useAction();
  const submit = (event) => {
    event.preventDefault();
    void action.run(async () => {
      const result = await api('POST', '/groups/import', { account: form.values.account, language: form.values.language });
      form.setDirty(false);
      announce(t('groups.imported', { count: result.items.length }));
      await onSaved();
    });
  };
  return html`<form class="stack card" id="import-groups" onSubmit=${submit}>
    <h2>${t('groups.importTitle')}</h2>
    <p class="muted">${t('groups.importIntro')}</p>
    <${ErrorBox} error=${action.error} />
    <label>${t('groups.account')}<select name="account" value=${form.values.account} onChange=${form.set('account')}>${accounts.map((a) => html`<option value=${a.account}>${a.account} (${a.platform})</option>`)}</select></label>
    <${LanguageSelect} form=${form} />
    <div class="actions"><button class="secondary" type="submit">${t('groups.import')}</button></div>
  </form>`;
}

function DeleteGroup({ group, onDeleted }) {
  const action = useAction();
  const remove = () => void action.run(async () => {
    if (!window.confirm(t('groups.deleteConfirm', { name: group.name }))) return;
    await api('DELETE', `/groups/${group.id}`);
    announce(t('groups.deleted', { name: group.name }));
    await onDeleted();
  });
  return html`<button class="secondary danger" type="button" name="delete-group" onClick=${remove}>${t('common.delete')}</button><${ErrorBox} error=${action.error} />`;
}

export function Groups({ route }) {
  const fetchPage = async (after) => {
    const page = await api('GET', `/groups?limit=200${after ? `&after=${after}` : ''}`);
    return { items: page.items, next: page.next ?? null };
  };
  const list = usePaged(fetchPage, [], ['group']);
  const groups = { data: list.items, error: list.error, reload: list.reload };
  const accounts = useData(() => (can.write() ? api('GET', '/connectors') : Promise.resolve([])), []);
  const editing = route.params.get('edit');
  return html`<${Heading}>${t('groups.title')}</${Heading}>
    <${Loaded} ...${groups}>${(items) => {
      const edited = items.find((g) => g.id === editing);
      return html`
        ${edited && can.write() ? html`<${GroupForm} key=${edited.id} id="edit-group" group=${edited} accounts=${accounts.data ?? []} onSaved=${async () => { await groups.reload(); navigate('#/groups'); }} />` : null}
        ${items.length === 0 ? html`<p class="empty">${t('groups.none')}</p>` : html`<div class="table-wrap"><table id="groups">
          <thead><tr><th scope="col">${t('groups.name')}</th><th scope="col">${t('groups.account')}</th><th scope="col">${t('common.language')}</th><th scope="col">${t('groups.topicsShort')}</th><th scope="col">${t('common.status')}</th><th scope="col">${t('groups.quietShort')}</th><th scope="col"><span class="visually-hidden">${t('common.actions')}</span></th></tr></thead>
          <tbody>${items.map((g) => html`<tr data-group=${g.id} key=${g.id}>
            <td>${g.name}</td><td>${g.account}</td><td>${languageLabel(g.language)}</td>
            <td>${g.topics.length ? g.topics.map((topic) => t(`topics.${topic}`)).join(', ') : t('groups.allTopics')}</td>
            <td>${g.enabled ? html`<${Chip} kind="approved">${t('groups.active')}</${Chip}>` : html`<${Chip} kind="cancelled">${t('groups.excluded')}</${Chip}>`}</td>
            <td>${g.quietHours ? `${g.quietHours.from}–${g.quietHours.to}` : '—'}</td>
            <td>${can.write() ? html`<div class="actions"><a href=${`#/groups?edit=${g.id}`}>${t('common.edit')}</a><${DeleteGroup} group=${g} onDeleted=${groups.reload} /></div>` : null}</td>
          </tr>`)}</tbody>
        </table></div>`}
        <${More} list=${list} id="groups-more" />`;
    }}</${Loaded}>
    ${can.write() && accounts.data ? html`<div class="two-columns">
      <${GroupForm} id="new-group" accounts=${accounts.data} onSaved=${groups.reload} />
      <${ImportForm} accounts=${accounts.data} onSaved=${groups.reload} />
    </div>` : null}`;
}
