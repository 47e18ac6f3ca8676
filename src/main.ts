import mongoose from 'mongoose';
import { AdminAlerts } from './staff-alerts/admin-alerts.js';
import { DeliveryReport } from './staff-alerts/delivery-report.js';
import { createSmtpMailer } from './platform/mail/smtp-mailer.js';
import { countedMailer } from './platform/mail/counted-mailer.js';
import { Redis } from 'ioredis';
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type Config } from './platform/config.js';
import { createLogger, type Logger } from './platform/logging/logger.js';
import { createI18n, exactLanguageTranslator } from './platform/i18n/i18n.js';
import { createHttpApp } from './platform/http/app.js';
import { createOutageGate } from './platform/http/outage-gate.js';
import { watchMongo } from './platform/db/mongo-watch.js';
import { actionBlockedBy, dependenciesNeededBy } from './composition/outage-policy.js';
import { createHealthRoutes, type ReadinessCheck } from './platform/http/health.routes.js';
import { createMetricsRegistry, createMetricsRoutes } from './platform/http/metrics.routes.js';
import { startPrivateRedis } from './platform/redis/private-redis-server.js';
import { createBullQueueFactory } from './platform/queue/bull-queue.adapter.js';
import { ProcessLiveness } from './platform/redis/process-liveness.js';
import { FileSpool } from './platform/spool/file-spool.js';
import { createIdentity, identityOpenApi, type DemoCredentials } from './identity/index.js';
import { createDispatch, dispatchOpenApi } from './dispatch/index.js';
import { requireRole } from './platform/http/auth-guard.js';
import { createQueueBoardRoutes } from './platform/queue/queue-board.routes.js';
import { announcementsOpenApi, createAnnouncements } from './announcements/index.js';
import { createLanguageRoutes, languagesOpenApi } from './languages/index.js';
import { buildOpenApiDocument, createApiDocsRoutes } from './api-docs/index.js';
import { createConsoleRoutes } from './console/index.js';
import { contentLibraryOpenApi, createTemplateRoutes, importContentLibrary } from './content-library/index.js';
import { writeDemoAnnouncements } from './demo/demo-announcements.js';
import { writeDemoQuestions } from './demo/demo-questions.js';
import { writeDemoSavedReplies } from './demo/demo-saved-replies.js';
import { createConnectorLoginRoutes, createConnectorRegistry, createOfficialAccountCallbackRoutes, createSimulatorRouter, simulatorsOf } from './connectors/index.js';
import { wireOfficialAccounts } from './composition/official-accounts.js';
import { createInbox, inboxOpenApi } from './inbox/index.js';
import { chatGatewayOf, inboxChatOf } from './composition/chat-gateways.js';
import { townLanguagesOf } from './composition/town-languages.js';
import { citizenTargetsOf, announcementsAuditOf, dispatchAccountsOf, inboxAuditOf, sendableOf } from './composition/feature-bridges.js';
import { demoGroupsOf } from './demo/demo-groups.js';
import { createLive, liveOpenApi } from './live/index.js';
import { dispatchLiveOf, inboxLiveOf } from './composition/live-bridges.js';
import { createTranslationHelp, importGlossaries, translationHelpOpenApi } from './translation-help/index.js';
import { messageTranslatorOf, translatorOf } from './composition/machine-translation.js';

/** The project folder (where package.json is): `src/` under tsx, `dist/src/` once compiled. */
function findProjectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
const ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

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
  /** Graceful: stop accepting, drain in-flight jobs, stop connectors, close connections, in reverse order of start. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Worker-only process (`npm run worker`): runs the queue processors and no HTTP routes but health. */
  worker?: boolean;
  logDestination?: NodeJS.WritableStream;
}

/** The composition root: config, database, Redis, queues, connectors, features, HTTP — in that order. */
export async function startSportello(env: NodeJS.ProcessEnv, options: StartOptions = {}): Promise<RunningSportello> {
  const config = loadConfig(env);
  const log = createLogger({ level: config.log.level, ...(options.logDestination ? { destination: options.logDestination } : {}) });
  const stack: Array<{ name: string; stop: () => Promise<void> }> = [];
  const stopAll = async (): Promise<void> => {
    for (const part of stack.reverse()) {
      try {
        await part.stop();
      } catch (error) {
        log.warn({ err: error, part: part.name }, 'error while stopping');
      }
    }
  };

  try {
    const dataDir = resolve(ROOT, config.dataDir);
    // Citizens' messages (the intake spool), WhatsApp sessions and the demo's databases live here: only the
    // service's own user may enter it, whatever the umask made of it.
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);

    let redisUrl = config.redis.url;
    if (!redisUrl) {
      const redisServer = await startPrivateRedis({ dataDir: join(dataDir, 'redis'), ephemeral: config.mode === 'test' });
      stack.push({ name: 'private redis', stop: redisServer.stop });
      redisUrl = redisServer.url;
    }

    let mongoUri = config.mongo.uri;
    if (!mongoUri) {
      const { startEmbeddedMongo } = await import('./embedded-mongo/index.js');
      const engine = await startEmbeddedMongo({ dataDir: join(dataDir, 'mongo') });
      stack.push({ name: 'embedded engine', stop: engine.stop });
      mongoUri = `${engine.uri}sportello`;
    }
    // 10 s unless the URI says otherwise (the driver lets an option given here override the URI's).
    const selection = /[?&]serverSelectionTimeoutMS=/i.test(mongoUri) ? {} : { serverSelectionTimeoutMS: 10_000 };
    const db = mongoose.createConnection(mongoUri, selection);
    await db.asPromise();
    stack.push({ name: 'mongodb', stop: () => db.close() });
    const mongoWatch = watchMongo(db, { pingEveryMs: 1000 });
    stack.push({ name: 'mongodb watch', stop: async () => mongoWatch.stop() });

    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    redis.on('error', () => undefined);
    stack.push({ name: 'redis', stop: async () => void redis.disconnect() });

    const identity = await createIdentity({
      db,
      redis,
      bootstrap: { mode: config.mode, admin: config.security.bootstrapAdmin, demoAdminToken: config.security.demoAdminToken },
      sessionSecret: config.security.sessionSecret,
      publicUrl: config.http.publicUrl,
    });

    // Changes from this process to every open console, through Redis; only a process serving HTTP listens.
    const live = await createLive({ redis, log, serve: !options.worker, recheck: (req) => identity.principalOf(req) });
    stack.push({ name: 'live events', stop: () => live.stop() });

    // Locks of a process that died (kill -9) are taken over at once: its jobs and its account turns.
    const liveness = new ProcessLiveness(redis);
    await liveness.start();
    stack.push({ name: 'liveness', stop: async () => liveness.stop() });
    const queues = createBullQueueFactory({ redisUrl, liveness });
    stack.push({ name: 'queues', stop: () => queues.close() });

    const connectors = await createConnectorRegistry({
      accounts: config.connectors.accounts,
      log,
      dataDir,
      mongo: db,
      chromiumPath: config.connectors.chromiumPath,
      chromiumSandbox: config.connectors.chromiumSandbox,
      whatsappProxy: config.connectors.whatsappProxy,
      redis,
    });
    const simulatorOn = config.connectors.accounts.some((account) => account.platform === 'simulator');
    for (const connector of connectors.all()) {
      connector.on('state', (state) => live.publish({ name: 'connector', data: { accountId: connector.account.id, state: state.status } }));
    }
    for (const simulator of simulatorsOf(connectors)) {
      simulator.onChatMessage((chatRef) => live.publish({ name: 'simulator', data: { accountId: simulator.account.id, chatRef } }));
    }
    const officialAccounts = config.connectors.accounts.filter((account) => account.platform === 'wechat-official').map((account) => account.id);

    const i18n = await createI18n(join(ROOT, 'locales'));
    const metrics = createMetricsRegistry();

    // The public base of notice links is known only once the server listens (port 0 in tests).
    let publicUrl = config.http.publicUrl;
    const announcements = await createAnnouncements({
      db,
      clock: () => new Date(),
      t: (key, lang, values) => i18n.t(key, { lng: lang, ...values }),
      publicUrl: () => publicUrl ?? '',
      timeZone: config.dispatch.timeZone,
      audit: announcementsAuditOf(identity.audit),
    });
    announcements.events.onChanged((announcement) => live.publish({ name: 'announcement', data: { id: announcement.id, status: announcement.status } }));
    const translator = translatorOf(config.translation);
    const translationHelp = await createTranslationHelp({
      db,
      announcements,
      translator,
      fuzzyMin: config.translation.fuzzyMin,
      metrics,
    });
    // Staff alerts go by the town's mail server when one is configured; none, the console is the only channel.
    const mailer = config.mail ? countedMailer(createSmtpMailer(config.mail.smtpUrl, config.mail.from), metrics) : undefined;
    if (mailer) stack.push({ name: 'mailer', stop: async () => mailer.close() });
    const adminAlerts = mailer
      ? new AdminAlerts({
          mailer,
          admins: async () => (await identity.alertableStaff()).filter((s) => s.role === 'admin').map((s) => s.email),
          consoleUrl: () => publicUrl ?? '',
          log,
        })
      : undefined;
    const dispatch = await createDispatch({
      db,
      redis,
      queues,
      gateway: chatGatewayOf(connectors),
      announcementStatus: {
        markSending: (id) => announcements.service.markSending(id),
        markSent: (id) => announcements.service.markSent(id),
        markExpired: (id) => announcements.service.markExpired(id),
      },
      accounts: dispatchAccountsOf(config),
      timeZone: config.dispatch.timeZone,
      lockMs: config.dispatch.lockMs,
      liveness,
      pauseAfterRateLimits: config.dispatch.pauseAfterRateLimits,
      pauseWindowMs: config.dispatch.pauseWindowMs,
      ...(adminAlerts ? { onAccountPaused: (account: string, reason: string) => void adminAlerts.accountPaused(account, reason) } : {}),
      live: dispatchLiveOf(live),
      metrics,
      log,
    });
    if (config.mode === 'demo') await dispatch.registerGroups(demoGroupsOf(config));
    const runWorkers = options.worker || config.dispatch.workersInProcess;

    // Citizens' words go to the translator only when the town turned that on (TRANSLATE_CITIZEN_MESSAGES).
    const messageTranslator = messageTranslatorOf(config.translation, translator);
    const inbox = await createInbox({
      db,
      queues,
      // One folder per role: a worker process and the service never drain each other's messages.
      intakeSpool: await FileSpool.open(join(dataDir, 'inbox-spool', options.worker ? 'worker' : 'service')),
      accounts: config.connectors.accounts.map((account) => ({ id: account.id })),
      chat: inboxChatOf(connectors),
      // One pace per account for everything sent on it: a platform restricts the number, not a feature.
      pace: dispatch.replyPace,
      groupLanguage: (account, chatId) => dispatch.groupLanguage(account, chatId),
      languages: { town: townLanguagesOf(config.inbox.townLanguages, i18n, log), unsureBelow: config.inbox.unsureBelow },
      deliveries: { toChat: (account, chatId) => dispatch.deliveriesToChat(account, chatId), eraseToChat: (account, chatId) => dispatch.eraseDeliveriesToChat(account, chatId) },
      audit: inboxAuditOf(identity.audit),
      staff: { find: (userId) => identity.findStaff(userId), alertable: () => identity.alertableStaff() },
      // Only the language's own text: the inbox itself falls back to Italian and English together.
      translate: exactLanguageTranslator(i18n),
      ...(messageTranslator ? { messageTranslator } : {}),
      clock: () => new Date(),
      retentionMs: Math.round(config.privacy.messageRetentionDays * 24 * 60 * 60 * 1000),
      answerTargetMs: config.inbox.answerTargetMs,
      openingHours: config.inbox.openingHours,
      ...(mailer ? { alerts: { mailer, afterMs: config.inbox.alertAfterMs, checkMs: config.inbox.alertCheckMs } } : {}),
      consoleUrl: () => publicUrl ?? '',
      live: inboxLiveOf(live),
      metrics,
      log,
    });
    // The activity log names notices by their title and conversations by their queue's language.
    identity.labelAuditTargets('announcement', async (ids) => {
      const found = await Promise.all(ids.map((id) => announcements.service.get(id).catch(() => undefined)));
      return new Map(found.flatMap((a) => (a ? [[a.id, a.translations.find((t) => t.lang === a.sourceLanguage)?.title ?? a.slug] as const] : [])));
    });
    identity.labelAuditTargets('inbox_conversation', (ids) => inbox.conversationLanguages(ids));
    // An Official Account's followers get the notices by mass send to their language's tag, not one by one.
    dispatch.addTargetSource(citizenTargetsOf(inbox, config.dispatch.citizenQuietHours, new Set(officialAccounts)));
    // The listener resolves once the citizen's message is stored (and, for the simulator, its inbound call answers only then).
    for (const connector of connectors.all()) connector.on('message', async (message) => void (await inbox.receive(message)));
    if (adminAlerts) for (const connector of connectors.all()) connector.on('state', (state) => void adminAlerts.connectionChanged(connector.account.id, state.status));
    const officialAccountLinks = await wireOfficialAccounts({ connectors, inbox, dispatch, log });
    stack.push({ name: 'official accounts', stop: async () => officialAccountLinks.stop() });
    const spoolDrain = inbox.startIntake();
    stack.push({ name: 'inbox spool drain', stop: () => spoolDrain.stop() });

    announcements.events.onPublished((announcement) => dispatch.plan(sendableOf(announcement, announcements)));
    if (mailer) {
      const report = new DeliveryReport({
        mailer,
        failureReport: (id) => dispatch.failureReport(id),
        addressOf: (userId) => identity.alertAddressOf(userId),
        consoleUrl: () => publicUrl ?? '',
        translate: exactLanguageTranslator(i18n),
        log,
      });
      announcements.events.onSent(async (announcement) => {
        const title = announcement.translations.find((t) => t.lang === announcement.sourceLanguage)?.title ?? announcement.slug;
        await report.finished({ id: announcement.id, title, ...(announcement.publishedBy ? { publishedBy: announcement.publishedBy } : {}) });
      });
    }
    announcements.events.onTranslationApproved((announcement) => dispatch.plan(sendableOf(announcement, announcements)));
    announcements.events.onCancelled((announcement) => dispatch.cancel(announcement.id));
    const apiDocument = buildOpenApiDocument(
      {
        title: 'Sportello API',
        version: '1',
        description: 'The Immigration Service desk: notices written once in Italian, translated by cultural mediators, sent to WeChat and WhatsApp groups.',
      },
      [identityOpenApi, announcementsOpenApi, translationHelpOpenApi, contentLibraryOpenApi, languagesOpenApi, dispatchOpenApi, inboxOpenApi, liveOpenApi],
    );
    if (config.mode === 'demo') {
      const report = await importContentLibrary(db, join(ROOT, 'content'));
      log.info({ created: report.created.length, updated: report.updated.length, unchanged: report.unchanged.length }, 'content library imported');
      const glossaries = await importGlossaries(db, join(ROOT, 'content', 'glossary'));
      log.info({ added: glossaries }, 'glossaries imported');
    }

    const readiness: ReadinessCheck[] = [
      { name: 'mongodb', check: async () => ({ ok: db.readyState === 1 && (await db.db?.admin().ping())?.ok === 1 }) },
      { name: 'redis', check: async () => ({ ok: (await redis.ping()) === 'PONG' }) },
      ...connectors.readinessChecks(),
    ];

    const app = createHttpApp({
      log,
      bodyLimit: config.http.bodyLimit,
      trustProxy: config.http.trustProxy,
      outageGate: createOutageGate({
        dependencies: [mongoWatch, { name: 'redis', isUp: () => redis.status === 'ready' }],
        needs: dependenciesNeededBy,
        actionOf: actionBlockedBy,
      }),
      translateTitle: (req, code, fallback) => i18n.t(`problems.${code}`, { lng: req.acceptsLanguages()[0] ?? 'it', defaultValue: fallback }),
      authenticate: identity.authenticate,
      mounts: [
        { path: '/', router: createHealthRoutes(() => readiness) },
        { path: '/', router: createMetricsRoutes(metrics, { token: config.http.metricsToken }) },
        ...(options.worker
          ? []
          : [
              { path: '/', router: createApiDocsRoutes(apiDocument) },
              { path: '/', router: createConsoleRoutes({ localesDir: join(ROOT, 'locales', 'console') }) },
              { path: '/', router: announcements.pageRoutes },
              { path: '/api/v1', router: createLanguageRoutes() },
              { path: '/api/v1', router: identity.routes },
              { path: '/api/v1', router: live.routes },
              { path: '/api/v1', router: announcements.apiRoutes },
              { path: '/api/v1', router: createTemplateRoutes({ db, announcements }) },
              { path: '/api/v1', router: translationHelp.routes },
              { path: '/api/v1/groups', router: dispatch.routes.groups },
              { path: '/api/v1/announcements', router: dispatch.routes.deliveries },
              { path: '/api/v1/inbox', router: inbox.routes },
              // The connectors' own statuses, with dispatch's pause and its reason, and the admin's resume.
              { path: '/api/v1/connectors', router: dispatch.routes.accounts(() => connectors.statuses()) },
              { path: '/api/v1/connectors', router: createConnectorLoginRoutes({ registry: connectors }) },
              // The simulator's control API exists only when a simulated account is configured (never in production).
              ...(simulatorOn ? [{ path: '/api/v1/simulator', router: createSimulatorRouter({ connectors }) }] : []),
              // WeChat's server URL for each Official Account (public: the signature is the authentication).
              ...(officialAccounts.length > 0 ? [{ path: '/wechat-official', router: createOfficialAccountCallbackRoutes({ registry: connectors }) }] : []),
              // The dashboard retries, deletes and pauses jobs: admins only, and a token needs the same scope as resuming an account.
              { path: '/admin/queues', router: requireRole(['admin'], 'connectors:admin') },
              { path: '/admin/queues', router: createQueueBoardRoutes(queues, '/admin/queues') },
            ]),
      ],
    });

    const server: Server = await new Promise((resolveServer, reject) => {
      const listening = app.listen(config.http.port, config.http.host, () => resolveServer(listening));
      listening.once('error', reject);
    });
    stack.push({
      name: 'http',
      stop: () =>
        new Promise<void>((done) => {
          server.close(() => done());
          server.closeIdleConnections();
        }),
    });
    // Before the server closes: an open event stream would hold it open.
    stack.push({ name: 'live event streams', stop: () => live.stop() });
    // Connectors start after HTTP is up, so /readyz can show a WhatsApp QR login while it waits.
    await connectors.start();
    stack.push({ name: 'connectors', stop: () => connectors.stop() });
    if (runWorkers) {
      // After the connectors, so that jobs do not fail against accounts still starting; stopped before them,
      // so that the sends in flight finish.
      await dispatch.startWorkers();
      stack.push({ name: 'dispatch workers', stop: () => dispatch.stop() });
      await inbox.startWorkers();
      stack.push({ name: 'inbox workers', stop: () => inbox.stop() });
      for (const queue of queues.queues) {
        if (!queue.hasProcessor) throw new Error(`queue ${queue.name} has no processor`);
      }
    }

    const port = (server.address() as AddressInfo).port;
    const url = config.http.publicUrl ?? `http://localhost:${port}`;
    publicUrl = url;
    if (config.mode === 'demo' && identity.demoCredentials && !options.worker) {
      await writeDemoAnnouncements(`http://127.0.0.1:${port}`, identity.demoCredentials.token, log);
      await writeDemoQuestions(`http://127.0.0.1:${port}`, identity.demoCredentials.token, log);
      await writeDemoSavedReplies(`http://127.0.0.1:${port}`, identity.demoCredentials.token, log);
    }
    log.info({ port, mode: config.mode }, 'sportello started');

    return { url, config, log, demoCredentials: identity.demoCredentials, mongoUri, app, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function runFromCommandLine(): Promise<void> {
  // An optional .env file; variables already in the environment win.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let running: RunningSportello;
  try {
    running = await startSportello(process.env, { worker: process.argv.includes('--worker') });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`sportello: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`sportello: failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(`Sportello is running at ${running.url}\n`);
  if (!process.argv.includes('--worker')) {
    process.stdout.write(`Staff console:   ${new URL('/console/', running.url).href}\nAPI docs:        ${new URL('/api/docs', running.url).href}\n`);
  }
  const demo = running.demoCredentials;
  if (demo) {
    process.stdout.write(`Admin e-mail:    ${demo.email}\nAdmin password:  ${demo.password}\nAdmin API token: ${demo.token}\n`);
  }
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    running.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), running.config.shutdownGraceMs);
    force.unref();
    void running.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // Started by `npm run demo` over an IPC channel: if the demo's launcher dies (even by kill -9), the channel
  // closes and the service stops cleanly with it, instead of running on as an orphan with its private Redis.
  if (process.send) process.on('disconnect', () => shutdown('launcher exited'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  void runFromCommandLine();
}
