// Who is signed in, the languages Sportello knows, and what the page offers to whom. The API decides; this
// only spares people buttons that would be refused.

/** The signed-in staff member and the session's CSRF token, sent with every change. */
export const session = { user: null, csrfToken: null, languages: [], simulatedAccounts: [] };

export const directionOf = (code) => session.languages.find((l) => l.code === code)?.direction ?? 'ltr';
const role = () => session.user?.role;
const mediatorOf = (lang) => role() === 'mediator' && session.user.languages.includes(lang);

export const can = {
  write: () => role() === 'admin' || role() === 'editor',
  translate: (lang) => role() === 'admin' || role() === 'editor' || mediatorOf(lang),
  approve: (lang) => role() === 'admin' || mediatorOf(lang),
  /** Make and revoke API tokens: everyone but viewers, who write nothing (an admin issues them one). */
  issueTokens: () => role() !== 'viewer',
  /** Work a conversation and keep the saved replies of its language: mediators (of that language) and admins. */
  answer: (lang) => role() === 'admin' || mediatorOf(lang),
  workInbox: () => role() === 'admin' || role() === 'mediator',
  admin: () => role() === 'admin',
};
