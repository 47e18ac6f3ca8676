// Who is signed in, the languages Sportello knows, and what the page offers to whom. The API decides; this
// only spares people buttons that would be refused.

/** The signed-in staff member and the session's CSRF token, sent with every change. */
export const session = { user: null, csrfToken: null };

let languages = [];

export function setLanguages(list) {
  languages = list;
}

export const languageList = () => languages;
// The console speaks Italian: language names from the browser's own Italian (CLDR), the server's English name otherwise.
const italianNames = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['it'], { type: 'language', fallback: 'none' }) : null;

export const languageName = (code) => {
  let italian;
  try {
    italian = italianNames?.of(code);
  } catch {
    italian = undefined;
  }
  // Italian writes language names in lower case; a table cell or a heading starts with a capital.
  if (italian) return italian.charAt(0).toLocaleUpperCase('it') + italian.slice(1);
  return languages.find((l) => l.code === code)?.name ?? code;
};
export const directionOf = (code) => languages.find((l) => l.code === code)?.direction ?? 'ltr';
export const can = {
  write: () => ['admin', 'editor'].includes(session.user?.role),
  translate: (lang) => ['admin', 'editor'].includes(session.user?.role) || (session.user?.role === 'mediator' && session.user.languages.includes(lang)),
  approve: (lang) => session.user?.role === 'admin' || (session.user?.role === 'mediator' && session.user.languages.includes(lang)),
  /** Make and revoke API tokens: everyone but viewers, who write nothing (an admin issues them one). */
  issueTokens: () => ['admin', 'editor', 'mediator'].includes(session.user?.role),
  /** Work a conversation, and keep the saved replies of its language: the API lets mediators (of that language) and admins. */
  answer: (lang) => session.user?.role === 'admin' || (session.user?.role === 'mediator' && session.user.languages.includes(lang)),
};
