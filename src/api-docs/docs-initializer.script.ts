/**
 * Starts Swagger UI on /api/docs, served as /api/docs/assets/docs-initializer.js. A separate script, not
 * an inline one, because the CSP allows only scripts from this server ('self'); a TypeScript string so it
 * ships inside the compiled build. BaseLayout, not StandaloneLayout: the standalone top bar's logo is an
 * SVG with an inline <style>, which `style-src 'self'` blocks. Same-origin requests carry the session
 * cookie; "Authorize" takes an API token.
 */
export const DOCS_INITIALIZER_JS = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/v1/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: true,
    tryItOutEnabled: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;
