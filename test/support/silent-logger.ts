import { createLogger } from '../../src/platform/logging/logger.js';

export const silentLogger = createLogger({ level: 'silent' });
