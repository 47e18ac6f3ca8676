// The pieces every page is made of: data that follows the live stream, paged lists, the heading that takes the
// focus, the polite announcer, errors in the console's language, and forms that keep what is typed.
import { html, useCallback, useEffect, useRef, useState } from './preact.js';
import { ApiError } from './api.js';
import { t } from './i18n.js';
import { useLive } from './live.js';
import { focus, markUnsaved } from './router.js';

export const Chip = ({ kind = '', children }) => html`<span class=${`chip ${kind}`}>${children}</span>`;

/** The page's heading: takes the focus after a navigation. */
export function Heading({ children, id }) {
  const ref = useRef(null);
  useEffect(() => {
    if (focus.pending && ref.current) {
      focus.pending = false;
      ref.current.focus();
    }
  }, []);
  return html`<h1 tabindex="-1" ref=${ref} id=${id}>${children}</h1>`;
}

let announcer = () => undefined;
/** Says `message` once through the polite live region (a confirmation after saving), not the whole page. */
export const announce = (message) => announcer(message);

export function Announcer() {
  const [message, setMessage] = useState('');
  useEffect(() => {
    let hide;
    announcer = (text) => {
      setMessage('');
      clearTimeout(hide);
      // Emptied first, so the same words said twice are announced twice; gone from the screen after a while.
      setTimeout(() => setMessage(text), 50);
      hide = setTimeout(() => setMessage(''), 8000);
    };
  }, []);
  return html`<div id="announcer" class="toast" role="status" aria-live="polite" hidden=${!message}>${message}</div>`;
}

/** An error as the person should read it: the API's translated title, the fields it names, its detail. */
export function ErrorBox({ error }) {
  if (!error) return null;
  if (error instanceof ApiError) {
    const conflict = error.status === 409 && error.code === 'announcement.version_conflict';
    return html`<div class="error" role="alert">
      <strong>${error.message}</strong>
      ${conflict ? html`<p>${t('errors.conflict')}</p>` : null}
      ${error.fields.length ? html`<p>${t('errors.fields', { fields: error.fields.join(', ') })}</p>` : null}
      ${error.problem.detail ? html`<p class="detail">${error.problem.detail}</p>` : null}
    </div>`;
  }
  return html`<div class="error" role="alert"><strong>${error instanceof Error ? error.message : String(error)}</strong></div>`;
}

/**
 * Runs an action (a save, an approval): `busy` while it runs, its refusal in `error`. A lost session is not an
 * error of the form: the sign-in page is already showing.
 */
export function useAction() {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (action) => {
    setError(null);
    setBusy(true);
    try {
      await action();
      return true;
    } catch (caught) {
      if (!(caught instanceof ApiError && caught.sessionExpired)) setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { error, busy, run, setError };
}

/**
 * Data for a page: loaded once, then again on the live events named in `events` (when `concerns(data)` says
 * the event is about it) and after a gap in the stream. What is shown stays while it reloads.
 */
export function useData(load, deps, events = [], concerns = () => true) {
  const [state, setState] = useState({ data: undefined, error: null });
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const call = ++latest.current;
    try {
      const data = await load();
      if (call === latest.current) setState({ data, error: null });
    } catch (error) {
      if (error instanceof ApiError && error.sessionExpired) return;
      if (call === latest.current) setState((previous) => ({ data: previous.data, error }));
    }
  }, deps);
  useEffect(() => {
    setState({ data: undefined, error: null });
    void reload();
  }, [reload]);
  useLive(events, (name, payload) => {
    if (name === 'reset' || concerns(payload, name)) void reload();
  });
  return { ...state, reload };
}

/**
 * A list the API gives page by page (`fetchPage(cursor)` → `{ items, next }`): the first page, then "more" on
 * request. A reload (live event) fetches again as many pages as are shown.
 */
export function usePaged(fetchPage, deps, events = [], concerns = () => true) {
  const [state, setState] = useState({ items: undefined, next: null, pages: 1, error: null });
  const latest = useRef(0);
  const pagesShown = useRef(1);
  const loadPages = useCallback(async (pages) => {
    const call = ++latest.current;
    try {
      let items = [];
      let next = null;
      let loaded = 0;
      do {
        const page = await fetchPage(next);
        items = [...items, ...page.items];
        next = page.next ?? null;
        loaded += 1;
      } while (next && loaded < pages);
      if (call === latest.current) {
        pagesShown.current = loaded;
        setState({ items, next, pages: loaded, error: null });
      }
    } catch (error) {
      if (error instanceof ApiError && error.sessionExpired) return;
      if (call === latest.current) setState((previous) => ({ ...previous, error }));
    }
  }, deps);
  useEffect(() => {
    setState({ items: undefined, next: null, pages: 1, error: null });
    void loadPages(1);
  }, [loadPages]);
  useLive(events, (name, payload) => {
    if (name === 'reset' || concerns(payload, name)) void loadPages(pagesShown.current);
  });
  const more = useCallback(async () => {
    if (!state.next) return;
    try {
      const page = await fetchPage(state.next);
      pagesShown.current += 1;
      setState((previous) => ({ items: [...previous.items, ...page.items], next: page.next ?? null, pages: previous.pages + 1, error: null }));
    } catch (error) {
      setState((previous) => ({ ...previous, error }));
    }
  }, [state.next, fetchPage]);
  return { ...state, more, reload: () => loadPages(pagesShown.current) };
}

/** "Show more" under a paged list, when there is more. */
export function More({ list, id }) {
  if (!list.next) return null;
  return html`<div class="actions more"><button type="button" class="secondary" id=${id} onClick=${() => void list.more()}>${t('common.more')}</button></div>`;
}

/**
 * A form's fields, kept by the form itself: a page drawn again (a live change, another form saved) never
 * throws them away. `dirty` until saved or reset; unsaved text makes leaving the page ask first (not for
 * `guard: false`: filters and choices, which hold nothing worth asking about).
 */
export function useForm(initial, { guard = true } = {}) {
  const [values, setValues] = useState(initial);
  const [dirty, setDirtyState] = useState(false);
  const token = useRef({});
  useEffect(() => () => markUnsaved(token.current, false), []);
  const setDirty = (flag) => {
    if (guard) markUnsaved(token.current, flag);
    setDirtyState(flag);
  };
  const set = (name) => (event) => {
    const target = event.currentTarget;
    const value = target.type === 'checkbox' ? target.checked : target.value;
    setValues((previous) => ({ ...previous, [name]: value }));
    setDirty(true);
  };
  /** A checkbox in a group of them: `name` holds the checked values, in the order the form lists them. */
  const toggle = (name, value) => (event) => {
    const box = event.currentTarget;
    const listed = box.form ? [...box.form.querySelectorAll('input[type=checkbox]')].filter((input) => input.name === name).map((input) => input.value) : [];
    const order = (v) => listed.indexOf(v);
    setValues((previous) => {
      const chosen = box.checked ? [...new Set([...(previous[name] ?? []), value])] : (previous[name] ?? []).filter((v) => v !== value);
      return { ...previous, [name]: chosen.sort((a, b) => order(a) - order(b)) };
    });
    setDirty(true);
  };
  const reset = (next = initial) => {
    setValues(next);
    setDirty(false);
  };
  return { values, setValues, set, toggle, dirty, setDirty, reset };
}

export const Loading = () => html`<p class="muted" aria-busy="true">${t('common.loading')}</p>`;

/** A page's data, its error, or "loading". */
export function Loaded({ data, error, children }) {
  if (data === undefined) return error ? html`<${ErrorBox} error=${error} />` : html`<${Loading} />`;
  return html`${error ? html`<${ErrorBox} error=${error} />` : null}${children(data)}`;
}
