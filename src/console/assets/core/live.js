// Changes pushed by the server (`GET /api/v1/events`, server-sent events): each carries ids and states only,
// and the page that shows the thing asks the API again. EventSource reconnects by itself after a drop, sending
// Last-Event-ID; when it gives up (the service answered with an error, e.g. while restarting) the console opens
// a new one after a pause, passing the last id it saw. Either way the server replays what was missed, or sends
// `reset` when it no longer has it, and every page then refetches what it shows.
import { useEffect, useRef, useState } from './preact.js';

export const LIVE_EVENTS = ['conversation', 'outbound', 'announcement', 'delivery-progress', 'group', 'connector', 'counts', 'simulator', 'reset'];
const RETRY_MS = [1000, 3000, 10_000, 30_000];

const listeners = new Set();
const stateListeners = new Set();
let source = null;
let state = 'off';
let retries = 0;
let retryTimer = null;
let lastEventId = '';

function emit(name, data) {
  for (const listener of [...listeners]) listener(name, data);
}

function parsed(data) {
  try {
    return data ? JSON.parse(data) : {};
  } catch {
    return {};
  }
}

function setState(next) {
  state = next;
  for (const listener of [...stateListeners]) listener(next);
}

function open() {
  source = new EventSource(`/api/v1/events${lastEventId ? `?${new URLSearchParams({ lastEventId })}` : ''}`, { withCredentials: true });
  for (const name of LIVE_EVENTS) {
    source.addEventListener(name, (event) => {
      if (event.lastEventId) lastEventId = event.lastEventId;
      emit(name, parsed(event.data));
    });
  }
  source.addEventListener('open', () => {
    retries = 0;
    setState('live');
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) {
      setState('reconnecting');
      source.close();
      retryTimer = setTimeout(open, RETRY_MS[Math.min(retries, RETRY_MS.length - 1)]);
      retries += 1;
    } else {
      setState('reconnecting');
    }
  });
}

/** Opens the stream for the signed-in person (the server pushes only what they may read). */
export function startLive() {
  if (source) return;
  lastEventId = '';
  open();
}

export function stopLive() {
  clearTimeout(retryTimer);
  source?.close();
  source = null;
  setState('off');
}

/** Calls `handler(name, data)` for each event named in `names` (and `reset`) while the component is shown. */
export function useLive(names, handler) {
  const latest = useRef(handler);
  latest.current = handler;
  const key = names.join(',');
  useEffect(() => {
    const wanted = new Set([...key.split(','), 'reset']);
    const listener = (name, data) => {
      if (wanted.has(name)) latest.current(name, data);
    };
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, [key]);
}

/** `live`, `reconnecting` or `off`: for the indicator in the bar. */
export function useLiveState() {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    stateListeners.add(setCurrent);
    return () => stateListeners.delete(setCurrent);
  }, []);
  return current;
}
