// "Who will receive it": the community groups and subscribed citizens the notice's topics reach, per language,
// and whether each language will get it. One rule, shown the same way while writing and before publishing.
import { html, useEffect, useState } from '../core/preact.js';
import { api } from '../core/api.js';
import { languageLabel, t } from '../core/i18n.js';
import { Chip, ErrorBox } from '../core/ui.js';

/**
 * Whether a language's groups receive the notice: its own language always; a chosen language once its
 * translation is approved; a language nobody chose: never. Urgent notices go at once, in Italian and English where
 * no approved translation exists.
 */
export function reachVerdict(lang, notice) {
  if (lang === notice.sourceLanguage) return { kind: 'approved', text: t('reach.source') };
  const translation = notice.translations?.[lang];
  const chosen = Boolean(translation) || notice.targetLanguages?.includes(lang);
  if (translation?.status === 'approved') return { kind: 'approved', text: t('reach.yes') };
  if (chosen) return notice.priority === 'urgent' ? { kind: 'needs_review', text: t('reach.urgentFallback') } : { kind: 'needs_review', text: t('reach.afterApproval') };
  return notice.priority === 'urgent' ? { kind: 'needs_review', text: t('reach.urgentNotChosen') } : { kind: 'failed', text: t('reach.notChosen') };
}

/** Follows `notice.topics` as they change (a form being written): asks the API again, a moment after the last change. */
export function ReachTable({ notice }) {
  const [reach, setReach] = useState(null);
  const [error, setError] = useState(null);
  const topics = notice.topics.join(',');
  useEffect(() => {
    if (!topics) {
      setReach(null);
      return undefined;
    }
    let current = true;
    const timer = setTimeout(() => {
      api('GET', `/groups/reach?topics=${encodeURIComponent(topics)}`)
        .then((body) => current && (setReach(body.items), setError(null)))
        .catch((caught) => current && setError(caught));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [topics]);
  return html`<section class="card" id="reach" aria-labelledby="reach-title">
    <h2 id="reach-title">${t('reach.title')}</h2>
    <${ErrorBox} error=${error} />
    ${!topics ? html`<p class="muted">${t('reach.noTopics')}</p>`
      : reach === null ? html`<p class="muted">${t('common.loading')}</p>`
      : reach.length === 0 ? html`<p class="muted">${t('reach.nobody')}</p>`
      : html`<div class="table-wrap"><table>
        <thead><tr><th scope="col">${t('common.language')}</th><th scope="col">${t('reach.groups')}</th><th scope="col">${t('reach.citizens')}</th><th scope="col">${t('reach.verdict')}</th></tr></thead>
        <tbody>${reach.map((row) => {
          const verdict = reachVerdict(row.language, notice);
          return html`<tr data-lang=${row.language} key=${row.language}>
            <th scope="row">${languageLabel(row.language)}</th>
            <td data-field="groups">${String(row.groups)}</td>
            <td data-field="citizens">${String(row.citizens ?? 0)}</td>
            <td data-field="verdict"><${Chip} kind=${verdict.kind}>${verdict.text}</${Chip}></td>
          </tr>`;
        })}</tbody>
      </table></div>`}
  </section>`;
}
