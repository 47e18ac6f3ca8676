// Views ask for the current page to be drawn again (after a change) without importing the router.
let redraw = async () => undefined;

export function onRefresh(handler) {
  redraw = handler;
}

export const refresh = () => redraw();
