import type { Document } from 'bson';
import { MongoCommandError } from '../mongo-error.js';

const isSimple = (collation: unknown): boolean =>
  collation !== null && typeof collation === 'object' && (collation as Document)['locale'] === 'simple';

/**
 * Collation is refused rather than ignored: a case-insensitive find that silently compared bytes would answer
 * wrongly without telling anyone. `{ locale: 'simple' }` is the binary comparison the engine does, so it passes.
 * Looked for where MongoDB takes it: on the command (find, aggregate, count, distinct, findAndModify, create), on
 * each update and delete statement, and on each index of createIndexes.
 */
export function refuseCollation(command: Document): void {
  const places: unknown[] = [command['collation']];
  for (const list of ['updates', 'deletes', 'indexes']) {
    const statements: unknown = command[list];
    if (Array.isArray(statements)) for (const statement of statements) places.push((statement as Document | null)?.['collation']);
  }
  for (const collation of places) {
    if (collation !== undefined && collation !== null && !isSimple(collation)) {
      throw new MongoCommandError(
        238,
        'NotImplemented',
        `collation ${JSON.stringify(collation)} is not supported by the embedded engine (it compares strings by their bytes); use MongoDB for locale-aware comparison`,
      );
    }
  }
}
