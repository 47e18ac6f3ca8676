import { createSmtpMailer } from './platform/mail/smtp-mailer.js';
import { countedMailer } from './platform/mail/counted-mailer.js';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmodSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from './platform/config.js';
import { createLogger } from './platform/logging/logger.js';
import { createI18n, exactLanguageTranslator } from './platform/i18n/i18n.js';
import { createHttpApp } from './platform/http/app.js';
import { createOutageGate } from './platform/http/outage-gate.js';
import { actionBlockedBy, dependenciesNeededBy } from './composition/outage-policy.js';
import { createHealthRoutes, type ReadinessCheck } from './platform/http/health.routes.js';
import { createMetricsRegistry, createMetricsRoutes } from './platform/http/metrics.routes.js';
import { createBullQueueFactory } from './platform/queue/bull-queue.adapter.js';
import { ProcessLiveness } from './platform/redis/process-liveness.js';
import { FileSpool } from './platform/spool/file-spool.js';
import { createIdentity } from './identity/index.js';
import { createDispatch } from './dispatch/index.js';
import { createAnnouncements } from './announcements/index.js';
import { importContentLibrary } from './content-library/index.js';
import { writeDemoAnnouncements } from './demo/demo-announcements.js';
import { writeDemoQuestions } from './demo/demo-questions.js';
import { writeDemoSavedReplies } from './demo/demo-saved-replies.js';
import { createConnectorRegistry } from './connectors/index.js';
import { wireOfficialAccounts } from './composition/official-accounts.js';
import { createInbox } from './inbox/index.js';
import { accountSenderOf, createChatAccounts } from './chat-accounts/index.js';
import { townLanguagesOf } from './composition/town-languages.js';
import { citizenTargetsOf, announcementsAuditOf, dispatchAccountsOf, inboxAuditOf, sendableOf } from './composition/feature-bridges.js';
import { demoGroupsOf } from './demo/demo-groups.js';
import { createLive } from './live/index.js';
import { dispatchLiveOf, inboxLiveOf } from './composition/live-bridges.js';
import { importGlossaries } from './translation-help/index.js';
import { translationHelpOf } from './composition/machine-translation.js';
import { connectConnectorsToFeatures, publishConnectorEvents } from './composition/connector-wiring.js';
import { adminAlertsOf, reportFinishedNotices } from './composition/staff-mail.js';
import { labelAuditTargets } from './composition/audit-target-labels.js';
import { runFromCommandLine } from './composition/command-line.js';
import { featureRoutes } from './composition/feature-routes.js';
import { openDataStores } from './composition/data-stores.js';
import { ShutdownStack } from './composition/shutdown-stack.js';
import { PROJECT_ROOT } from './platform/project-root.js';

/** The project folder (where package.json is): `src/` under tsx, `dist/src/` once compiled. */
const ROOT = PROJECT_ROOT;

export type { RunningSportello } from './composition/running-sportello.js';
import type { RunningSportello } from './composition/running-sportello.js';

export interface StartOptions {
  /** Worker-only process (`npm run worker`): runs the queue processors and no HTTP routes but health. */
  worker?: boolean;
  logDestination?: NodeJS.WritableStream;
}

/** The composition root: config, database, Redis, queues, connectors, features, HTTP — in that order. */
export async function startSportello(env: NodeJS.ProcessEnv, options: StartOptions = {}): Promise<RunningSportello> {
  const config = loadConfig(env);
  const log = createLogger({ level: config.log.level, ...(options.logDestination ? { destination: options.logDestination } : {}) });
  const stack = new ShutdownStack(log);
  const stopAll = () => stack.stopAll();

  try {
    const dataDir = resolve(ROOT, config.dataDir);
    // Citizens' messages (the intake spool), WhatsApp sessions and the demo's databases live here: only the
    // service's own user may enter it, whatever the umask made of it.
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);

    const { db, mongoUri, mongoWatch, redis, redisUrl } = await openDataStores({
      mongoUri: config.mongo.uri,
      redisUrl: config.redis.url,
      dataDir,
      ephemeralRedis: config.mode === 'test',
      startEmbeddedEngine: async (engineDir) => (await import('./embedded-mongo/index.js')).startEmbeddedMongo({ dataDir: engineDir }),
      stack,
    });

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
    publishConnectorEvents(connectors, live);
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
    const { translationHelp, messageTranslator } = await translationHelpOf(config.translation, { db, announcements, metrics });
    // Staff alerts go by the town's mail server when one is configured; none, the console is the only channel.
    const mailer = config.mail ? countedMailer(createSmtpMailer(config.mail.smtpUrl, config.mail.from), metrics) : undefined;
    if (mailer) stack.push({ name: 'mailer', stop: async () => mailer.close() });
    const adminAlerts = mailer ? adminAlertsOf(mailer, identity, () => publicUrl ?? '', log) : undefined;
    // One sending port over the connectors, and one pace per account, for notices and the inbox's answers alike:
    // a platform restricts the number, not a feature.
    const sender = accountSenderOf(connectors);
    const chatAccounts = createChatAccounts({
      redis,
      accounts: config.connectors.accounts,
      timeZone: config.dispatch.timeZone,
      lockMs: config.dispatch.lockMs,
      liveness,
      pauseAfterRateLimits: config.dispatch.pauseAfterRateLimits,
      pauseWindowMs: config.dispatch.pauseWindowMs,
      ...(adminAlerts ? { onAccountPaused: (account: string, reason: string) => void adminAlerts.accountPaused(account, reason) } : {}),
      log,
    });
    const dispatch = await createDispatch({
      db,
      queues,
      gateway: sender,
      announcementStatus: {
        markSending: (id) => announcements.service.markSending(id),
        markSent: (id) => announcements.service.markSent(id),
        markExpired: (id) => announcements.service.markExpired(id),
      },
      accounts: dispatchAccountsOf(config),
      timeZone: config.dispatch.timeZone,
      lockMs: config.dispatch.lockMs,
      chatAccounts,
      live: dispatchLiveOf(live),
      metrics,
      log,
    });
    if (config.mode === 'demo') await dispatch.registerGroups(demoGroupsOf(config));
    const runWorkers = options.worker || config.dispatch.workersInProcess;

    const inbox = await createInbox({
      db,
      queues,
      // One folder per role: a worker process and the service never drain each other's messages.
      intakeSpool: await FileSpool.open(join(dataDir, 'inbox-spool', options.worker ? 'worker' : 'service')),
      accounts: config.connectors.accounts.map((account) => ({ id: account.id })),
      chat: sender,
      pace: chatAccounts.answerPace,
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
    labelAuditTargets(identity, announcements, inbox);
    // An Official Account's followers get the notices by mass send to their language's tag, not one by one.
    dispatch.addTargetSource(citizenTargetsOf(inbox, config.dispatch.citizenQuietHours, new Set(officialAccounts)));
    connectConnectorsToFeatures(connectors, inbox, adminAlerts);
    const officialAccountLinks = await wireOfficialAccounts({ connectors, inbox, dispatch, log });
    stack.push({ name: 'official accounts', stop: async () => officialAccountLinks.stop() });
    const spoolDrain = inbox.startIntake();
    stack.push({ name: 'inbox spool drain', stop: () => spoolDrain.stop() });

    announcements.events.onPublished((announcement) => dispatch.plan(sendableOf(announcement, announcements)));
    if (mailer) reportFinishedNotices({ mailer, announcements, dispatch, identity, consoleUrl: () => publicUrl ?? '', translate: exactLanguageTranslator(i18n), log });
    announcements.events.onTranslationApproved((announcement) => dispatch.plan(sendableOf(announcement, announcements)));
    announcements.events.onCancelled((announcement) => dispatch.cancel(announcement.id));
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
          : featureRoutes({ db, identity, live, announcements, translationHelp, dispatch, inbox, connectors, queues, consoleLocalesDir: join(ROOT, 'locales', 'console'), simulatorOn, officialAccountsOn: officialAccounts.length > 0 })),
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

    return { url, config, log, demoCredentials: identity.demoCredentials, mongoUri, app, connectors, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  void runFromCommandLine(startSportello);
}
