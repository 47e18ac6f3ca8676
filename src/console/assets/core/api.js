import { session } from './session.js';

let sessionExpired = () => undefined;

/** What to do when a request finds the session gone (the sign-in page, set by `console.js`). */
export function onSessionExpired(handler) {
  sessionExpired = handler;
}

export class ApiError extends Error {
  /** `sessionExpired`: the request found no session and the sign-in page is already showing. */
  constructor(status, problem, sessionExpired = false) {
    // Most problems already say their fields in `detail`: each is shown once.
    const fields = (problem.errors ?? []).map((e) => `${e.field}: ${e.message}`).filter((f) => !problem.detail?.includes(f)).join('; ');
    super([problem.detail ?? problem.title ?? `HTTP ${status}`, fields].filter(Boolean).join(' — '));
    this.status = status;
    this.sessionExpired = sessionExpired;
  }
}

export async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && session.csrfToken) headers['x-csrf-token'] = session.csrfToken;
  const response = await fetch(`/api/v1${path}`, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await response.text();
  const data = text ? JSON.parse(text) : undefined;
  if (response.status === 401 && path !== '/auth/login') {
    session.user = null;
    sessionExpired();
    throw new ApiError(401, data ?? {}, true);
  }
  if (!response.ok) throw new ApiError(response.status, data ?? {});
  return data;
}
