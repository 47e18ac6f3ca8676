// "Who will receive it": the community groups and subscribed citizens the notice's topics reach, per language,
// and whether each language will get it: the API's one rule (the one publishing follows), while writing and after.
import { html, useEffect, useState } from '../core/preact.js';
import { api } from '../core/api.js';
import { languageLabel, t } from '../core/i18n.js';
import { Chip, ErrorBox } from '../core/ui.js';

/** What a language's groups and citizens receive (the API's `receives`, the rule publishing follows), in words. */
const RECEIVES = {
  translation: { kind: 'approved', key: 'reach.yes' },
  urgent_fallback: { kind: 'needs_review', key: 'reach.urgentFallback' },
  after_translation: { kind: 'needs_review', key: 'reach.afterApproval' },
  not_chosen: { kind: 'failed', key: 'reach.notChosen' },
};

/** The notice's languages as the reach table asks the API about them: chosen (source included) and approved. */
function languagesOf(notice) {
  const chosen = [notice.sourceLanguage, ...(notice.targetLanguages ?? Object.keys(notice.translations ?? {}))];
  const approved = [notice.sourceLanguage, ...Object.entries(notice.translations ?? {}).filter(([, tr]) => tr.status === 'approved').map(([lang]) => lang)];
  return { languages: [...new Set(chosen)].join(','), approved: [...new Set(approved)].join(','), priority: notice.priority ?? 'normal' };
}

/** Follows `notice.topics` as they change (a form being written): asks the API again, a moment after the last change. */
export function ReachTable({ notice }) {
  const [reach, setReach] = useState(null);
  const [error, setError] = useState(null);
  const topics = notice.topics.join(',');
  const { languages, approved, priority } = languagesOf(notice);
  useEffect(() => {
    if (!topics) {
      setReach(null);
      return undefined;
    }
    let current = true;
    const timer = setTimeout(() => {
      api('GET', `/groups/reach?${new URLSearchParams({ topics, languages, approved, priority })}`)
        .then((body) => current && (setReach(body.items), setError(null)))
        .catch((caught) => current && setError(caught));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [topics, languages, approved, priority]);
  return html`<section class="card" id="reach" aria-labelledby="reach-title">
    <h2 id="reach-title">${t('reach.title')}</h2>
    <${ErrorBox} error=${error} />
    ${!topics ? html`<p class="muted">${t('reach.noTopics')}</p>`
      : reach === null ? html`<p class="muted">${t('common.loading')}</p>`
      : reach.length === 0 ? html`<p class="muted">${t('reach.nobody')}</p>`
      : html`<div class="table-wrap"><table>
        <thead><tr><th scope="col">${t('common.language')}</th><th scope="col">${t('reach.groups')}</th><th scope="col">${t('reach.citizens')}</th><th scope="col">${t('reach.verdict')}</th></tr></thead>
        <tbody>${reach.map((row) => {
          const verdict = row.language === notice.sourceLanguage ? { kind: 'approved', key: 'reach.source' } : RECEIVES[row.receives] ?? RECEIVES.not_chosen;
          return html`<tr data-lang=${row.language} key=${row.language}>
            <th scope="row">${languageLabel(row.language)}</th>
            <td data-field="groups">${String(row.groups)}</td>
            <td data-field="citizens">${String(row.citizens ?? 0)}</td>
            <td data-field="verdict"><${Chip} kind=${verdict.kind}>${t(verdict.key)}</${Chip}></td>
          </tr>`;
        })}</tbody>
      </table></div>`}
  </section>`;
}
