/* global window, SwaggerUIBundle, SwaggerUIStandalonePreset -- a browser script: Swagger UI's bundles define these globals */
// Starts Swagger UI on /api/docs. A separate file, not an inline script, because the CSP allows only
// scripts from this server ('self'). Same-origin requests carry the session cookie; "Authorize" takes an API token.
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/v1/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: true,
    tryItOutEnabled: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
  });
});
