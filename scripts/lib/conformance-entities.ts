import type { Document } from 'bson';
import mongoose from 'mongoose';

type MongoClient = InstanceType<typeof mongoose.mongo.MongoClient>;
type Db = ReturnType<MongoClient['db']>;
type Collection = ReturnType<Db['collection']>;
type ClientSession = ReturnType<MongoClient['startSession']>;

export interface ObservedEvent {
  commandName: string;
  databaseName: string;
  command: Document;
}

export interface ClientEntity {
  kind: 'client';
  client: MongoClient;
  events: ObservedEvent[];
}

export type Entity =
  | ClientEntity
  | { kind: 'database'; db: Db }
  | { kind: 'collection'; collection: Collection }
  | { kind: 'session'; session: ClientSession; lsid: Document }
  | { kind: 'value'; value: unknown };

/** Commands the runner never records: the handshake and heartbeats, and what a test asks to ignore. */
const ALWAYS_IGNORED = new Set(['hello', 'isMaster', 'ismaster', 'configureFailPoint', 'buildInfo', 'buildinfo', 'endSessions']);

/**
 * Copies objects and arrays (the driver's ReadConcern instances included), sharing BSON values, dates and bytes,
 * which nobody changes in place.
 */
function copyPlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => copyPlain(item)) as T;
  if (value instanceof Map) return new Map([...value].map(([key, inner]) => [key, copyPlain(inner)])) as T;
  if (value === null || typeof value !== 'object' || '_bsontype' in value || value instanceof Date || value instanceof RegExp || ArrayBuffer.isView(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, copyPlain(inner)])) as T;
}

/** The entity map of one test: clients, databases, collections, sessions and saved results. */
export class EntityMap {
  private readonly entities = new Map<string, Entity>();

  constructor(private readonly uri: string) {}

  async create(definitions: Document[]): Promise<void> {
    for (const definition of definitions) {
      const [kind, spec] = Object.entries(definition)[0] as [string, Document];
      const id = String(spec['id']);
      if (kind === 'client') this.entities.set(id, await this.createClient(spec));
      else if (kind === 'database') {
        this.entities.set(id, { kind: 'database', db: this.client(String(spec['client'])).client.db(String(spec['databaseName']), spec['databaseOptions'] as never) });
      } else if (kind === 'collection') {
        this.entities.set(id, { kind: 'collection', collection: this.database(String(spec['database'])).collection(String(spec['collectionName']), spec['collectionOptions'] as never) });
      } else if (kind === 'session') {
        const session = this.client(String(spec['client'])).client.startSession(spec['sessionOptions'] as never);
        this.entities.set(id, { kind: 'session', session, lsid: session.id as Document });
      } else throw new Error(`entity type ${kind} is not supported by this runner`);
    }
  }

  private async createClient(spec: Document): Promise<ClientEntity> {
    const observe = new Set((spec['observeEvents'] ?? []) as string[]);
    const ignored = new Set((spec['ignoreCommandMonitoringEvents'] ?? []) as string[]);
    const client = new mongoose.mongo.MongoClient(this.uri, { monitorCommands: observe.size > 0, serverSelectionTimeoutMS: 5000, ...(spec['uriOptions'] as Document) });
    const entity: ClientEntity = { kind: 'client', client, events: [] };
    if (observe.has('commandStartedEvent')) {
      client.on('commandStarted', (event) => {
        if (ALWAYS_IGNORED.has(event.commandName) || ignored.has(event.commandName)) return;
        // Copied when sent: the driver 6.20 later adds afterClusterTime to the client's ReadConcern, which every command shares.
        entity.events.push({ commandName: event.commandName, databaseName: event.databaseName, command: copyPlain(event.command) });
      });
    }
    await client.connect();
    return entity;
  }

  get(id: string): Entity {
    const entity = this.entities.get(id);
    if (!entity) throw new Error(`no entity named ${id}`);
    return entity;
  }

  set(id: string, value: unknown): void {
    this.entities.set(id, { kind: 'value', value });
  }

  client(id: string): ClientEntity {
    const entity = this.get(id);
    if (entity.kind !== 'client') throw new Error(`${id} is not a client`);
    return entity;
  }

  database(id: string): Db {
    const entity = this.get(id);
    if (entity.kind !== 'database') throw new Error(`${id} is not a database`);
    return entity.db;
  }

  session(id: string): ClientSession {
    const entity = this.get(id);
    if (entity.kind !== 'session') throw new Error(`${id} is not a session`);
    return entity.session;
  }

  lsid(id: string): Document {
    const entity = this.get(id);
    if (entity.kind !== 'session') throw new Error(`${id} is not a session`);
    return entity.lsid;
  }

  value(id: string): unknown {
    const entity = this.get(id);
    return entity.kind === 'value' ? entity.value : entity;
  }

  clients(): Array<[string, ClientEntity]> {
    return [...this.entities].filter((pair): pair is [string, ClientEntity] => pair[1].kind === 'client');
  }

  async close(): Promise<void> {
    for (const entity of this.entities.values()) if (entity.kind === 'session') await entity.session.endSession().catch(() => undefined);
    for (const [, entity] of this.clients()) await entity.client.close(true).catch(() => undefined);
  }
}
