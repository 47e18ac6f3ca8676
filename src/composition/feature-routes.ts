import type { Connection } from 'mongoose';
import { announcementsOpenApi, type Announcements } from '../announcements/index.js';
import { buildOpenApiDocument, createApiDocsRoutes } from '../api-docs/index.js';
import { createConnectorLoginRoutes, createOfficialAccountCallbackRoutes, createSimulatorRouter, type ConnectorRegistry } from '../connectors/index.js';
import { createConsoleRoutes } from '../console/index.js';
import { contentLibraryOpenApi, createTemplateRoutes } from '../content-library/index.js';
import { dispatchOpenApi, type Dispatch } from '../dispatch/index.js';
import { identityOpenApi, type Identity } from '../identity/index.js';
import { inboxOpenApi, type Inbox } from '../inbox/index.js';
import { createLanguageRoutes, languagesOpenApi } from '../languages/index.js';
import { liveOpenApi, type Live } from '../live/index.js';
import { translationHelpOpenApi, type TranslationHelp } from '../translation-help/index.js';
import type { Mount } from '../platform/http/app.js';
import { requireRole } from '../platform/http/auth-guard.js';
import { createQueueBoardRoutes } from '../platform/queue/queue-board.routes.js';
import type { BullQueueFactory } from '../platform/queue/bull-queue.adapter.js';

export interface FeatureRoutesDeps {
  db: Connection;
  identity: Identity;
  live: Live;
  announcements: Announcements;
  translationHelp: Pick<TranslationHelp, 'routes'>;
  dispatch: Dispatch;
  inbox: Inbox;
  connectors: ConnectorRegistry;
  queues: BullQueueFactory;
  /** Where the console's texts are (`locales/console`). */
  consoleLocalesDir: string;
  /** A simulated account is configured (never in production). */
  simulatorOn: boolean;
  /** WeChat Official Accounts are configured: their server callback is mounted. */
  officialAccountsOn: boolean;
}

/** Every feature's routes and the API document they make up, for a process that serves HTTP (not a worker). */
export function featureRoutes(deps: FeatureRoutesDeps): Mount[] {
  const { db, identity, live, announcements, dispatch, inbox, connectors, queues, simulatorOn } = deps;
  const apiDocument = buildOpenApiDocument(
    {
      title: 'Sportello API',
      version: '1',
      description: 'The Immigration Service desk: notices written once in Italian, translated by cultural mediators, sent to WeChat and WhatsApp groups.',
    },
    [identityOpenApi, announcementsOpenApi, translationHelpOpenApi, contentLibraryOpenApi, languagesOpenApi, dispatchOpenApi, inboxOpenApi, liveOpenApi],
  );
  return [
    { path: '/', router: createApiDocsRoutes(apiDocument) },
    { path: '/', router: createConsoleRoutes({ localesDir: deps.consoleLocalesDir }) },
    { path: '/', router: announcements.pageRoutes },
    { path: '/api/v1', router: createLanguageRoutes() },
    { path: '/api/v1', router: identity.routes },
    { path: '/api/v1', router: live.routes },
    { path: '/api/v1', router: announcements.apiRoutes },
    { path: '/api/v1', router: createTemplateRoutes({ db, announcements }) },
    { path: '/api/v1', router: deps.translationHelp.routes },
    { path: '/api/v1/groups', router: dispatch.routes.groups },
    { path: '/api/v1/announcements', router: dispatch.routes.deliveries },
    { path: '/api/v1/inbox', router: inbox.routes },
    // The connectors' own statuses, with dispatch's pause and its reason, and the admin's resume.
    { path: '/api/v1/connectors', router: dispatch.routes.accounts(() => connectors.statuses()) },
    { path: '/api/v1/connectors', router: createConnectorLoginRoutes({ registry: connectors }) },
    // The simulator's control API exists only when a simulated account is configured (never in production).
    ...(simulatorOn ? [{ path: '/api/v1/simulator', router: createSimulatorRouter({ connectors }) }] : []),
    // WeChat's server URL for each Official Account (public: the signature is the authentication).
    ...(deps.officialAccountsOn ? [{ path: '/wechat-official', router: createOfficialAccountCallbackRoutes({ registry: connectors }) }] : []),
    // The dashboard retries, deletes and pauses jobs: admins only, and a token needs the same scope as resuming an account.
    { path: '/admin/queues', router: requireRole(['admin'], 'connectors:admin') },
    { path: '/admin/queues', router: createQueueBoardRoutes(queues, '/admin/queues') },
  ];
}
