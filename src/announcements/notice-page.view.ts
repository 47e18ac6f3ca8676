import type { LocalizedText } from './delivery-content.js';

export interface NoticePageModel {
  text: LocalizedText;
  direction: 'ltr' | 'rtl';
  urgent: boolean;
  urgentLabel: string;
  publisher: string;
  /** Already translated, e.g. "Valid until 3 March 2026", or the "no longer valid" note. */
  validity?: string;
  expired: boolean;
  link?: { label: string; href: string };
  otherLanguages: { label: string; items: Array<{ lang: string; name: string; href: string }> };
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every text on the page comes from staff or mediators: all of it is escaped, attributes included. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function paragraphs(body: string): string {
  return body
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

function page(lang: string, direction: 'ltr' | 'rtl', title: string, main: string, nav = ''): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}" dir="${direction}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/n/notice.css">
</head>
<body>
${main}
${nav}</body>
</html>
`;
}

/** What a citizen sees for a link to a notice that is not (or no longer) public: a page, not a JSON error. */
export function renderNoticeUnavailablePage(lang: string, direction: 'ltr' | 'rtl', publisher: string, message: string): string {
  return page(lang, direction, message, `<main class="notice">\n<p class="publisher">${escapeHtml(publisher)}</p>\n<h1>${escapeHtml(message)}</h1>\n</main>`);
}

/**
 * A notice as a small, self-contained page: no scripts, one stylesheet from this server, system fonts.
 * WeChat's and WhatsApp's in-app browsers are slow and often offline-ish, so the page weighs a few kB.
 */
export function renderNoticePage(model: NoticePageModel): string {
  const { text } = model;
  const languages = model.otherLanguages.items
    .map((l) => `<li><a href="${escapeHtml(l.href)}" hreflang="${escapeHtml(l.lang)}" lang="${escapeHtml(l.lang)}">${escapeHtml(l.name)}</a></li>`)
    .join('');
  const main = `<main class="notice${model.urgent ? ' urgent' : ''}${model.expired ? ' expired' : ''}">
<p class="publisher">${escapeHtml(model.publisher)}</p>
${model.urgent ? `<p class="badge">${escapeHtml(model.urgentLabel)}</p>\n` : ''}<h1>${escapeHtml(text.title)}</h1>
${model.validity ? `<p class="validity">${escapeHtml(model.validity)}</p>\n` : ''}${paragraphs(text.body)}
${model.link ? `<p class="link"><a href="${escapeHtml(model.link.href)}" rel="noopener noreferrer">${escapeHtml(model.link.label)}</a></p>\n` : ''}</main>`;
  const nav = languages ? `<nav aria-label="${escapeHtml(model.otherLanguages.label)}"><h2>${escapeHtml(model.otherLanguages.label)}</h2><ul>${languages}</ul></nav>\n` : '';
  return page(text.lang, model.direction, text.title, main, nav);
}
