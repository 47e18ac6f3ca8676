import { Router } from 'express';
import { fileURLToPath } from 'node:url';

/**
 * The console's own files, and only these: the page is a client of `/api/v1`, so every rule and every check
 * stays in the API. They sit next to this module (the Dockerfile copies them next to the compiled one).
 */
const ASSETS = new URL('./assets/', import.meta.url);
const FILES: Record<string, string> = {
  'console.js': 'application/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
};

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
  for (const [file, type] of Object.entries(FILES)) {
    router.get(`/console/assets/${file}`, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.type(type).sendFile(fileURLToPath(new URL(file, ASSETS)));
    });
  }
  return router;
}
