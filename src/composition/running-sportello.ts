import type { Express } from 'express';
import type { ConnectorRegistry } from '../connectors/index.js';
import type { DemoCredentials } from '../identity/index.js';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logging/logger.js';

/** What `startSportello` (src/main.ts) hands back: the running service, for the command line, tools, benches and tests. */
export interface RunningSportello {
  url: string;
  config: Config;
  log: Logger;
  /** Demo mode: the admin's e-mail, random password and API token, printed at start. */
  demoCredentials: DemoCredentials | undefined;
  /** The database in use (the embedded engine's in demo and test), for one-off tools and tests. */
  mongoUri: string;
  /** The HTTP app with every router mounted, for tools and tests that inspect its routes (the role matrix). */
  app: Express;
  /** The chat accounts' connectors: benches put a citizen's message through one as its platform would. */
  connectors: ConnectorRegistry;
  /** Graceful: stop accepting, drain in-flight jobs, stop connectors, close connections, in reverse order of start. */
  stop(): Promise<void>;
}
