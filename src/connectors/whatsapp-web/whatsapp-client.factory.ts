import { join } from 'node:path';
import type { Connection } from 'mongoose';
import wwebjs from 'whatsapp-web.js';
import wwebjsMongo from 'wwebjs-mongo';
import type { WhatsAppClient } from './whatsapp-client.js';

// whatsapp-web.js and wwebjs-mongo are CommonJS: named ESM imports of them fail at run time.
const { Client, LocalAuth, RemoteAuth } = wwebjs;
const { MongoStore } = wwebjsMongo;

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** How often RemoteAuth uploads the session to MongoDB; its minimum is one minute. */
const SESSION_BACKUP_MS = 5 * 60_000;

export interface WhatsAppClientSettings {
  accountId: string;
  auth: 'local' | 'remote';
  /** LocalAuth keeps the session here; RemoteAuth unpacks it here while running. */
  dataDir: string;
  /** Required for `remote` auth: the session is stored in this database. */
  mongo?: Connection;
  chromiumPath: string;
  /** Chromium's own sandbox: off as root, or when the container is the isolation (`CHROMIUM_SANDBOX=off`). */
  sandbox: boolean;
  /** An outbound HTTP proxy (`host:port`), as municipal networks often require. */
  proxyServer?: string;
}

/**
 * Chromium's sandbox needs user namespaces, which a process running as root, or a container under Docker's
 * default seccomp profile ("No usable sandbox", puppeteer#3451), does not get; anywhere else it stays on.
 */
export function chromiumArgs(sandbox: boolean, proxyServer?: string): string[] {
  return [
    ...(sandbox ? [] : ['--no-sandbox', '--disable-setuid-sandbox']),
    ...(proxyServer ? [`--proxy-server=${proxyServer}`] : []),
    // Without these, Chromium keeps opening connections of its own (updates, sync) that a closed network refuses.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
}

function authStrategy(settings: WhatsAppClientSettings) {
  const dataPath = join(settings.dataDir, 'whatsapp');
  if (settings.auth === 'local') return new LocalAuth({ clientId: settings.accountId, dataPath });
  if (!settings.mongo) throw new Error(`account ${settings.accountId}: remote auth needs the MongoDB connection`);
  // MongoStore reads only `.connection` and `.mongo` of what it is given: handing it our own connection keeps
  // the session in Sportello's database even though it is not mongoose's default connection.
  const store = new MongoStore({ mongoose: { connection: settings.mongo, mongo: settings.mongo.base.mongo } });
  return new RemoteAuth({ store, clientId: settings.accountId, dataPath, backupSyncIntervalMs: SESSION_BACKUP_MS });
}

/** A real whatsapp-web.js client driving Debian's Chromium, headless. */
export function createWhatsAppClient(settings: WhatsAppClientSettings): WhatsAppClient {
  const client: WhatsAppClient = new Client({
    authStrategy: authStrategy(settings),
    puppeteer: { executablePath: settings.chromiumPath, headless: true, args: chromiumArgs(settings.sandbox, settings.proxyServer) },
  });
  return client;
}
