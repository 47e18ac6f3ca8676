export { consoleAssetFiles, createConsoleRoutes } from './console.routes.js';
