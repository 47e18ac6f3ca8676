export { createConsoleRoutes } from './console.routes.js';
