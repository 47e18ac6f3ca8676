import type { Express } from 'express';

/** A route the app answers: one method and path, or (`method: '*'`) a whole app mounted under `path`. */
export interface MountedRoute {
  method: string;
  path: string;
}

/** What Express 5's router (router@2) keeps for each `use`/`route` call; not in @types/express. */
interface Layer {
  name: string;
  rawPath?: string | RegExp | Array<string | RegExp>;
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

function join(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

function walk(stack: Layer[], prefix: string, out: MountedRoute[]): void {
  for (const layer of stack) {
    const raw = layer.rawPath ?? '/';
    if (typeof raw !== 'string') throw new Error(`a route with a non-string path under ${prefix}: list it by hand`);
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) out.push({ method: method === '_all' ? '*' : method.toUpperCase(), path: join(prefix, raw) });
    } else if (Array.isArray(layer.handle.stack)) {
      walk(layer.handle.stack, join(prefix, raw), out);
    } else if (layer.name === 'mounted_app') {
      // `app.use(path, otherExpressApp)` wraps the sub-app in a closure: its routes are out of reach, so the
      // whole path counts as one route (e.g. bull-board's dashboard).
      out.push({ method: '*', path: join(prefix, raw) });
    }
  }
}

/** Every route of the app, with mounted routers' prefixes applied; middleware without a route is left out. */
export function mountedRoutes(app: Express): MountedRoute[] {
  const out: MountedRoute[] = [];
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '', out);
  return out;
}

/** `METHOD /path`, the key of a route in the role matrix's scope tables. */
export function routeKey(route: MountedRoute): string {
  return `${route.method} ${route.path}`;
}

/**
 * Whether a matrix row answers to this route: the row's path (without its query) is the route's path as
 * declared (`/api/v1/users/:id`, placeholders filled by the row's `params`), so a row for `/groups/reach` does not
 * count for `/groups/:id`. A mounted app (`*`) is covered by any row under its path.
 */
export function rowCovers(row: { method: string; path: string }, route: MountedRoute): boolean {
  const rowPath = join('', row.path.split('?')[0] ?? '');
  if (route.method === '*') return rowPath === route.path || rowPath.startsWith(`${route.path}/`);
  return row.method === route.method && rowPath === route.path;
}
