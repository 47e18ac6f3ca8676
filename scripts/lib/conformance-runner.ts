import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { EJSON, type Document } from 'bson';
import mongoose from 'mongoose';
import { EntityMap } from './conformance-entities.js';
import { matchValue, type MatchEntities } from './conformance-match.js';
import { SkipTest, runOperation, resultOf, type Operation } from './conformance-operations.js';
import { driverDeviation } from './conformance-driver-deviations.js';

const SERVER_VERSION = [7, 0, 0];
const TOPOLOGY = 'replicaset';

export type Verdict = { status: 'passed' } | { status: 'failed'; reason: string } | { status: 'skipped'; reason: string };

export interface TestOutcome {
  description: string;
  verdict: Verdict;
}

interface UnifiedTest extends Document {
  description: string;
  operations: Array<Operation & Document>;
}

function versionAtLeast(actual: number[], wanted: string): boolean {
  const parts = wanted.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) {
    const a = actual[i] ?? 0;
    const w = parts[i] ?? 0;
    if (a !== w) return a > w;
  }
  return true;
}

/** Why the engine does not meet any of the requirements, or null when one is met. */
function unmetRequirement(requirements: Document[] | undefined): string | null {
  if (!requirements || requirements.length === 0) return null;
  const reasons = requirements.map((req) => {
    if (req['minServerVersion'] && !versionAtLeast(SERVER_VERSION, String(req['minServerVersion']))) return `needs server ${String(req['minServerVersion'])}`;
    const max = req['maxServerVersion'];
    if (max && !versionAtLeast(String(max).split('.').map(Number), SERVER_VERSION.join('.'))) return `needs server <= ${String(max)}`;
    if (Array.isArray(req['topologies']) && !req['topologies'].includes(TOPOLOGY)) return `needs topology ${req['topologies'].join('|')}`;
    if (req['serverless'] === 'require') return 'needs serverless';
    if (req['auth'] === true) return 'needs authentication (refused by design)';
    if (req['csfle'] === true) return 'needs client-side encryption';
    if (req['serverParameters']) return 'needs server parameters';
    return null;
  });
  return reasons.includes(null) ? null : reasons.join('; ');
}

function checkError(expected: Document, error: unknown, entities: MatchEntities): string | null {
  const e = error as mongoose.mongo.MongoError & Document;
  const isServer = error instanceof mongoose.mongo.MongoServerError || error instanceof mongoose.mongo.MongoBulkWriteError;
  if (expected['isClientError'] === true && isServer) return `expected a client error, got server error ${e.message}`;
  if (expected['isClientError'] === false && !isServer) return `expected a server error, got ${String(e?.message ?? e)}`;
  if (expected['errorContains'] && !String(e.message).toLowerCase().includes(String(expected['errorContains']).toLowerCase())) {
    return `error "${e.message}" does not contain "${String(expected['errorContains'])}"`;
  }
  if (expected['errorCode'] !== undefined && e.code !== expected['errorCode']) return `error code ${String(e.code)}, expected ${String(expected['errorCode'])}`;
  if (expected['errorCodeName'] !== undefined) {
    const codeName = e['codeName'] ?? e['errorResponse']?.codeName ?? e['writeErrors']?.[0]?.err?.codeName;
    if (codeName !== expected['errorCodeName']) return `error codeName ${String(codeName)}, expected ${String(expected['errorCodeName'])}`;
  }
  for (const label of (expected['errorLabelsContain'] ?? []) as string[]) if (!e.hasErrorLabel?.(label)) return `error lacks label ${label}`;
  for (const label of (expected['errorLabelsOmit'] ?? []) as string[]) if (e.hasErrorLabel?.(label)) return `error has label ${label}`;
  if (expected['expectResult'] !== undefined) {
    const diff = matchValue(expected['expectResult'], resultOf('bulkWrite', e['result']), true, entities);
    if (diff) return `error result: ${diff}`;
  }
  if (expected['errorResponse'] !== undefined) {
    const diff = matchValue(expected['errorResponse'], e['errorResponse'], true, entities);
    if (diff) return `errorResponse: ${diff}`;
  }
  return null;
}

async function resetInitialData(admin: InstanceType<typeof mongoose.mongo.MongoClient>, initialData: Document[] | undefined): Promise<void> {
  for (const data of initialData ?? []) {
    const db = admin.db(String(data['databaseName']));
    await db.dropCollection(String(data['collectionName'])).catch(() => undefined);
    await db.createCollection(String(data['collectionName']), (data['createOptions'] ?? {}) as Document);
    const documents = (data['documents'] ?? []) as Document[];
    if (documents.length > 0) await db.collection(String(data['collectionName'])).insertMany(documents);
  }
}

async function runTest(uri: string, admin: InstanceType<typeof mongoose.mongo.MongoClient>, file: Document, test: UnifiedTest, fileName: string): Promise<Verdict> {
  if (test['skipReason']) return { status: 'skipped', reason: String(test['skipReason']) };
  const deviation = driverDeviation(fileName, test.description);
  if (deviation) return { status: 'skipped', reason: deviation };
  const unmet = unmetRequirement(file['runOnRequirements'] as Document[]) ?? unmetRequirement(test['runOnRequirements'] as Document[]);
  if (unmet) return { status: 'skipped', reason: unmet };
  await resetInitialData(admin, file['initialData'] as Document[]);
  const entities = new EntityMap(uri);
  const matchEntities: MatchEntities = { lsid: (id) => entities.lsid(id), entity: (id) => entities.value(id) };
  try {
    await entities.create((file['createEntities'] ?? []) as Document[]);
    const testRunner = (op: Operation): Promise<unknown> => runTestRunnerOperation(admin, entities, op);
    for (const [index, op] of test.operations.entries()) {
      let result: unknown;
      let error: unknown = null;
      try {
        result = await runOperation(entities, op, testRunner);
      } catch (thrown) {
        if (thrown instanceof SkipTest) return { status: 'skipped', reason: thrown.message };
        error = thrown;
      }
      const where = `operation ${index} (${op.name})`;
      if (op['ignoreResultAndError']) continue;
      if (op['expectError']) {
        if (!error) return { status: 'failed', reason: `${where}: expected an error, got ${EJSON.stringify(result as Document, { relaxed: true })}` };
        const diff = checkError(op['expectError'] as Document, error, matchEntities);
        if (diff) return { status: 'failed', reason: `${where}: ${diff}` };
        continue;
      }
      if (error) return { status: 'failed', reason: `${where}: unexpected error ${(error as Error).message}` };
      if (op['expectResult'] !== undefined) {
        const diff = matchValue(op['expectResult'], result, !Array.isArray(op['expectResult']) || isCursorOperation(op.name), matchEntities);
        if (diff) return { status: 'failed', reason: `${where}: ${diff}` };
      }
      if (op['saveResultAsEntity']) entities.set(String(op['saveResultAsEntity']), result);
    }
    for (const expected of (test['expectEvents'] ?? []) as Document[]) {
      const diff = checkEvents(expected, entities, matchEntities);
      if (diff) return { status: 'failed', reason: diff };
    }
    for (const expected of (test['outcome'] ?? []) as Document[]) {
      const actual = await admin.db(String(expected['databaseName'])).collection(String(expected['collectionName'])).find().sort({ _id: 1 }).toArray();
      const diff = matchValue(expected['documents'], actual, false, matchEntities);
      if (diff) return { status: 'failed', reason: `outcome ${String(expected['collectionName'])}: ${diff}` };
    }
    return { status: 'passed' };
  } catch (error) {
    if (error instanceof SkipTest) return { status: 'skipped', reason: error.message };
    return { status: 'failed', reason: (error as Error).message };
  } finally {
    await entities.close();
  }
}

function isCursorOperation(name: string): boolean {
  return ['find', 'aggregate', 'listCollections', 'listDatabases', 'listIndexes', 'runCursorCommand'].includes(name);
}

function checkEvents(expected: Document, entities: EntityMap, matchEntities: MatchEntities): string | null {
  if (expected['eventType'] && expected['eventType'] !== 'command') return null;
  const actual = entities.client(String(expected['client'])).events;
  const wanted = (expected['events'] ?? []) as Document[];
  if (wanted.some((event) => !('commandStartedEvent' in event))) return 'only commandStartedEvent expectations are supported by this runner';
  if (expected['ignoreExtraEvents'] ? actual.length < wanted.length : actual.length !== wanted.length) {
    return `events of ${String(expected['client'])}: expected ${wanted.length}, got ${actual.length} (${actual.map((e) => e.commandName).join(', ')})`;
  }
  for (const [i, event] of wanted.entries()) {
    const { command, ...rest } = event['commandStartedEvent'] as Document;
    // Both the event and its `command` are root-level documents: extra fields (lsid, $db) are allowed.
    const diff =
      matchValue(rest, actual[i], true, matchEntities, `event[${i}]`) ??
      (command === undefined ? null : matchValue(command, actual[i]!.command, true, matchEntities, `event[${i}].command`));
    if (diff) return `events of ${String(expected['client'])}: ${diff}`;
  }
  return null;
}

async function runTestRunnerOperation(admin: InstanceType<typeof mongoose.mongo.MongoClient>, entities: EntityMap, op: Operation): Promise<unknown> {
  const a = op.arguments ?? {};
  const collections = async (): Promise<string[]> =>
    (await admin.db(String(a['databaseName'])).listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  const indexes = async (): Promise<string[]> =>
    (await admin.db(String(a['databaseName'])).collection(String(a['collectionName'])).listIndexes().toArray().catch(() => [])).map((i) => String(i['name']));
  switch (op.name) {
    case 'failPoint':
    case 'targetedFailPoint':
      throw new SkipTest('fail points (configureFailPoint) are not implemented, by design');
    case 'assertCollectionExists':
      if (!(await collections()).includes(String(a['collectionName']))) throw new Error(`collection ${String(a['collectionName'])} does not exist`);
      return undefined;
    case 'assertCollectionNotExists':
      if ((await collections()).includes(String(a['collectionName']))) throw new Error(`collection ${String(a['collectionName'])} exists`);
      return undefined;
    case 'assertIndexExists':
      if (!(await indexes()).includes(String(a['indexName']))) throw new Error(`index ${String(a['indexName'])} does not exist`);
      return undefined;
    case 'assertIndexNotExists':
      if ((await indexes()).includes(String(a['indexName']))) throw new Error(`index ${String(a['indexName'])} exists`);
      return undefined;
    case 'createEntities':
      return entities.create(a['entities'] as Document[]);
    case 'assertSessionTransactionState': {
      const session = entities.session(String(a['session'])) as unknown as { transaction: { state: string } };
      const state = session.transaction.state.replace(/^TRANSACTION_/, '').toLowerCase().replace(/_(\w)/g, (_m, c: string) => c.toUpperCase());
      const wanted = String(a['state']);
      // The format says `in_progress`, the driver `TRANSACTION_IN_PROGRESS`: compared without case and underscores.
      if (!state.toLowerCase().startsWith(wanted.toLowerCase().replace(/_/g, ''))) throw new Error(`session state ${state}, expected ${wanted}`);
      return undefined;
    }
    default:
      throw new Error(`testRunner operation ${op.name} is not supported by this runner`);
  }
}

/** Runs every test of one unified-format file against the engine at `uri`. */
export async function runFile(path: string, uri: string): Promise<TestOutcome[]> {
  const file = EJSON.parse(readFileSync(path, 'utf8')) as Document;
  const admin = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  await admin.connect();
  try {
    const outcomes: TestOutcome[] = [];
    for (const test of file['tests'] as UnifiedTest[]) {
      outcomes.push({ description: test.description, verdict: await runTest(uri, admin, file, test, basename(path)) });
    }
    return outcomes;
  } finally {
    await admin.close();
  }
}
