import { Router } from 'express';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The console's own files, and only these: the page is a client of `/api/v1`, so every rule and every check
 * stays in the API. They sit next to this module (the Dockerfile copies them next to the compiled one).
 */
const ASSETS = new URL('./assets/', import.meta.url);
const TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The scripts and stylesheets under `assets/`, as paths relative to it (`views/inbox.js`): what may be served. */
export function consoleAssetFiles(): string[] {
  return (readdirSync(fileURLToPath(ASSETS), { recursive: true }) as string[])
    .map((file) => file.split('\\').join('/'))
    .filter((file) => Object.keys(TYPES).some((extension) => file.endsWith(extension)))
    .sort();
}

/** `GET /console/` and its assets. Revalidated on every load, so a new release shows at the next refresh. */
export function createConsoleRoutes(): Router {
  // Strict: `/console` (a redirect) and `/console/` (the page, whose relative links need the slash) differ.
  const router = Router({ strict: true });
  router.get('/console', (_req, res) => {
    res.redirect(302, '/console/');
  });
  router.get('/console/', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').sendFile(fileURLToPath(new URL('index.html', ASSETS)));
  });
  // One route per file, listed once at start-up: no path from a request ever reaches the file system.
  for (const file of consoleAssetFiles()) {
    const type = TYPES[file.slice(file.lastIndexOf('.'))]!;
    router.get(`/console/assets/${file}`, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.type(type).sendFile(fileURLToPath(new URL(file, ASSETS)));
    });
  }
  return router;
}
