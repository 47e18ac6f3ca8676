/* global window, SwaggerUIBundle -- a browser script: Swagger UI's bundle defines this global */
// Starts Swagger UI on /api/docs. A separate file, not an inline script, because the CSP allows only
// scripts from this server ('self'). BaseLayout, not StandaloneLayout: the standalone top bar's logo is
// an SVG with an inline <style>, which `style-src 'self'` blocks. Same-origin requests carry the
// session cookie; "Authorize" takes an API token.
window.addEventListener('load', function () {
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
