export { consoleAssetFiles, consoleLocaleFiles, consoleVendorFiles, createConsoleRoutes } from './console.routes.js';
