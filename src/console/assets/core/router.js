// Pages live behind the URL's hash (`#/inbox/<id>`). Forms with unsaved text register here: leaving the
// page (another link, the back button, closing the tab) asks first.
import { useEffect, useRef, useState } from './preact.js';
import { t } from './i18n.js';

const unsaved = new Set();

window.addEventListener('beforeunload', (event) => {
  if (unsaved.size === 0) return;
  event.preventDefault();
  event.returnValue = '';
});

/** True when leaving may go ahead: nothing unsaved, or the person said so (their text is then dropped). */
export function mayLeave() {
  if (unsaved.size === 0) return true;
  if (!window.confirm(t('unsaved.leave'))) return false;
  unsaved.clear();
  return true;
}

/** Marks `form` (any object standing for one form) as holding unsaved text, or not any more. At once, not after a
 * redraw: a form saved and left in the same handler must not ask. */
export function markUnsaved(form, dirty) {
  if (dirty) unsaved.add(form);
  else unsaved.delete(form);
}

export const currentHash = () => location.hash || '#/announcements';

/** The current route `{ path, params }`; a change of hash that the person cancels puts the old one back. */
export function useRoute() {
  const [hash, setHash] = useState(currentHash());
  const shown = useRef(hash);
  useEffect(() => {
    const onChange = () => {
      const next = currentHash();
      if (next === shown.current) return;
      if (!mayLeave()) {
        history.replaceState(null, '', shown.current);
        return;
      }
      shown.current = next;
      // Before the new page draws: its heading, mounted in the same pass, takes the focus.
      focus.pending = true;
      setHash(next);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const [path, query = ''] = hash.slice(1).split('?');
  return { hash, path, params: new URLSearchParams(query) };
}

export function navigate(hash) {
  location.hash = hash;
}

/** The next page's `<h1>` takes the focus once drawn, so a screen reader starts there (not on the first load). */
export const focus = { pending: false };
