import type { Document } from 'bson';
import type { CommandHandler } from './command-context.js';
import { selectDocuments } from '../query/select-documents.js';
import { badValue } from '../mongo-error.js';

const VERBOSITIES = new Set(['queryPlanner', 'executionStats', 'allPlansExecution']);

/** The filter and sort a command reads its candidates by, as the planner sees them. */
function readShape(explained: Document): { name: string; coll: unknown; filter: Document; sort?: Document } {
  const name = Object.keys(explained)[0] ?? '';
  const coll = explained[name];
  switch (name) {
    case 'find':
    case 'count':
    case 'distinct':
      return { name, coll, filter: (explained['filter'] ?? explained['query'] ?? {}) as Document, sort: explained['sort'] as Document | undefined };
    case 'findAndModify':
    case 'findandmodify':
      return { name, coll, filter: (explained['query'] ?? {}) as Document, sort: explained['sort'] as Document | undefined };
    case 'update':
    case 'delete': {
      const statements = (explained[name === 'update' ? 'updates' : 'deletes'] ?? []) as Document[];
      return { name, coll, filter: (statements[0]?.['q'] ?? {}) as Document };
    }
    case 'aggregate': {
      const first = ((explained['pipeline'] ?? []) as Document[])[0];
      return { name, coll, filter: (first && '$match' in first ? first['$match'] : {}) as Document };
    }
    default:
      throw badValue(`explain of ${name || 'an empty command'} is not supported by the embedded engine`);
  }
}

/**
 * `explain`: which index the planner reads (IXSCAN under FETCH, or COLLSCAN), in MongoDB's queryPlanner shape, and
 * for `executionStats` how many documents a find returns. Nothing is written: a write is planned, not run.
 */
export const explain: CommandHandler = (command, ctx) => {
  const explained = command['explain'];
  if (explained === null || typeof explained !== 'object' || Array.isArray(explained)) throw badValue('explain takes a command document');
  const verbosity = String(command['verbosity'] ?? 'allPlansExecution');
  if (!VERBOSITIES.has(verbosity)) throw badValue(`verbosity string must be one of {'queryPlanner', 'executionStats', 'allPlansExecution'}`);
  const { name, coll, filter, sort } = readShape(explained as Document);
  if (typeof coll !== 'string') throw badValue(`explain of ${name} needs a collection name`);
  const scan = ctx.workspace.scan(ctx.db, coll, filter, sort);
  const index = scan.indexName ? ctx.catalog.collection(ctx.db, coll)?.indexes.get(scan.indexName) : undefined;
  const winningPlan: Document = scan.indexName
    ? { stage: 'FETCH', inputStage: { stage: scan.indexName === '_id_' ? 'IDHACK' : 'IXSCAN', indexName: scan.indexName, keyPattern: index?.spec.key ?? { _id: 1 } } }
    : { stage: 'COLLSCAN', direction: 'forward' };
  const reply: Document = {
    explainVersion: '1',
    queryPlanner: { namespace: `${ctx.db}.${coll}`, indexFilterSet: false, parsedQuery: filter, winningPlan, rejectedPlans: [] },
    command: explained,
    serverInfo: { host: 'embedded', version: '7.0.0', gitVersion: 'embedded' },
    ok: 1,
  };
  if (verbosity !== 'queryPlanner' && name === 'find') {
    const e = explained as Document;
    const returned = selectDocuments(ctx.workspace, ctx.db, coll, {
      filter,
      sort,
      ...(e['skip'] === undefined ? {} : { skip: Number(e['skip']) }),
      ...(e['limit'] === undefined ? {} : { limit: Number(e['limit']) }),
    });
    reply['executionStats'] = { executionSuccess: true, nReturned: returned.length };
  }
  return reply;
};
