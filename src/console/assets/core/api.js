// Every call to Sportello's API: the session's CSRF token on changes, the console's language for the
// problem's title (the API translates it), and a refusal as an ApiError the page can show.
import { consoleLanguage, t } from './i18n.js';
import { session } from './session.js';

let sessionExpired = () => undefined;

/** What to do when a request finds the session gone (the sign-in page, set by the app). */
export function onSessionExpired(handler) {
  sessionExpired = handler;
}

export class ApiError extends Error {
  /** `problem`: the API's problem+json; `sessionExpired`: the sign-in page is already showing. */
  constructor(status, problem, sessionExpired = false) {
    super(problem.title ?? t('errors.http', { status }));
    this.status = status;
    this.problem = problem;
    this.code = typeof problem.type === 'string' ? problem.type.replace(/^.*\/problems\//, '') : undefined;
    this.fields = (problem.errors ?? []).map((e) => e.field);
    this.sessionExpired = sessionExpired;
  }
}

export async function api(method, path, body, headers = {}) {
  const sent = { accept: 'application/json', 'accept-language': consoleLanguage(), ...headers };
  if (body !== undefined) sent['content-type'] = 'application/json';
  if (method !== 'GET' && session.csrfToken) sent['x-csrf-token'] = session.csrfToken;
  const response = await fetch(`/api/v1${path}`, { method, headers: sent, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await response.text();
  let data;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (response.status === 401 && path !== '/auth/login' && path !== '/auth/password') {
    sessionExpired();
    throw new ApiError(401, data ?? {}, true);
  }
  if (!response.ok) throw new ApiError(response.status, data ?? {});
  return data;
}
