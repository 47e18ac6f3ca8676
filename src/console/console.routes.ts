import { Router } from 'express';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The console's own files, and only these: the page is a client of `/api/v1`, so every rule and every check
 * stays in the API. They sit next to this module (the Dockerfile copies them next to the compiled one).
 */
const ASSETS = new URL('./assets/', import.meta.url);
const TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/**
 * The libraries the console runs in the browser, served as they are published (one ES module each): Preact, its
 * hooks and htm. No build step. The hooks module imports `"preact"` by its bare name, which a browser resolves only
 * through an import map, an inline script the CSP refuses; that one specifier is pointed at the served file instead.
 * i18next ships a self-contained ESM build. None of these packages exports these files by name: they are found next
 * to the entry points they do export.
 */
const require = createRequire(import.meta.url);
const VENDOR: Record<string, { file: string; rewrite?: (source: string) => string }> = {
  'preact.js': { file: join(dirname(require.resolve('preact')), 'preact.module.js') },
  'preact-hooks.js': {
    file: join(dirname(require.resolve('preact/hooks')), 'hooks.module.js'),
    rewrite: (source) => source.replace(/from\s*"preact"/g, 'from"/console/vendor/preact.js"'),
  },
  'htm.js': { file: join(dirname(require.resolve('htm')), 'htm.module.js') },
  'i18next.js': { file: join(dirname(require.resolve('i18next')), '..', 'esm', 'i18next.js') },
};

/** The scripts and stylesheets under `assets/`, as paths relative to it (`views/inbox.js`): what may be served. */
export function consoleAssetFiles(): string[] {
  return (readdirSync(fileURLToPath(ASSETS), { recursive: true }) as string[])
    .map((file) => file.split('\\').join('/'))
    .filter((file) => ['.js', '.css'].some((extension) => file.endsWith(extension)))
    .sort();
}

/** The libraries served under `/console/vendor/` (`preact.js`, …). */
export function consoleVendorFiles(): string[] {
  return Object.keys(VENDOR).sort();
}

/** The console's texts in `localesDir`, one file per language it speaks (`locales/console/it.json`). */
export function consoleLocaleFiles(localesDir: string): string[] {
  return readdirSync(localesDir)
    .filter((file) => file.endsWith('.json'))
    .sort();
}

/**
 * `GET /console/`, its assets, its texts (from `localesDir`) and its libraries. Revalidated on every load, so a
 * new release shows at the next refresh.
 */
export function createConsoleRoutes(deps: { localesDir: string }): Router {
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
  const serve = (path: string, file: string): void => {
    const type = TYPES[file.slice(file.lastIndexOf('.'))]!;
    router.get(path, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.type(type).sendFile(file);
    });
  };
  for (const file of consoleAssetFiles()) serve(`/console/assets/${file}`, fileURLToPath(new URL(file, ASSETS)));
  for (const file of consoleLocaleFiles(deps.localesDir)) serve(`/console/locales/${file}`, join(deps.localesDir, file));
  for (const [name, { file, rewrite }] of Object.entries(VENDOR)) {
    if (!rewrite) {
      serve(`/console/vendor/${name}`, file);
      continue;
    }
    const source = rewrite(readFileSync(file, 'utf8'));
    router.get(`/console/vendor/${name}`, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.type(TYPES['.js']!).send(source);
    });
  }
  return router;
}
