import { ApiError } from './api.js';

const main = document.getElementById('main');

/** Builds an element; string children become text nodes, so nothing from the server is parsed as HTML. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export const chip = (text, kind) => h('span', { class: `chip ${kind ?? ''}` }, text);

export const when = (iso) => (iso ? new Date(iso).toLocaleString('it-IT', { dateStyle: 'short', timeStyle: 'short' }) : '—');

export function show(...children) {
  main.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
}

export function errorBox(error) {
  return h('p', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : String(error));
}

/** Runs an action from a form or button; its error is shown above the form instead of being lost. */
export async function attempt(where, action) {
  where.querySelector(':scope > .error')?.remove();
  try {
    await action();
  } catch (error) {
    if (error instanceof ApiError && error.sessionExpired) return;
    where.prepend(errorBox(error));
  }
}
