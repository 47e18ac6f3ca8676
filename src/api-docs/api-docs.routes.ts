import { Router } from 'express';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { DOCS_INITIALIZER_JS } from './docs-initializer.script.js';

/** Only the files the page loads; the rest of swagger-ui-dist (its demo index, source maps) is not served. */
const SWAGGER_FILES = ['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png'];

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sportello API</title>
<link rel="icon" type="image/png" href="/api/docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/docs-initializer.js"></script>
</body>
</html>
`;

/**
 * swagger-ui-dist's folder. Its `absolute-path.js` says where the files are; its main module would also load the
 * 4 MB browser bundle into the service's heap, for nothing.
 */
function swaggerUiAssetsDir(): string {
  return (createRequire(import.meta.url)('swagger-ui-dist/absolute-path.js') as () => string)();
}

/**
 * `GET /` (a redirect to the staff console), `GET /api/v1/openapi.json` and the browsable `GET /api/docs`, served from the service's own copy
 * of swagger-ui-dist: no CDN, so it works offline and under the strict CSP (`script-src 'self'`).
 */
export function createApiDocsRoutes(document: Record<string, unknown>): Router {
  const router = Router();
  const assets = swaggerUiAssetsDir();
  // Whoever opens the service's address is most likely staff: the console, whose bar links to these docs.
  router.get('/', (_req, res) => {
    res.redirect(302, '/console/');
  });
  router.get('/api/v1/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/api/docs', (_req, res) => {
    res.type('html').send(PAGE);
  });
  router.get('/api/docs/assets/docs-initializer.js', (_req, res) => {
    res.type('application/javascript').send(DOCS_INITIALIZER_JS);
  });
  for (const file of SWAGGER_FILES) {
    router.get(`/api/docs/assets/${file}`, (_req, res) => {
      res.setHeader('Cache-Control', 'public, max-age=86400');
      res.sendFile(join(assets, file));
    });
  }
  return router;
}
