import type { Router } from 'express';
import type { Connection } from 'mongoose';
import type { Announcements } from '../announcements/index.js';
import { ContentLibraryService } from './content-library.service.js';
import { createContentLibraryRoutes } from './content-library.routes.js';
import { importContentDirectory, type ImportReport } from './content-importer.js';
import { NoticeTemplateRepository } from './notice-template.repository.js';

export type { ImportReport } from './content-importer.js';
export { ContentFileInvalid } from './content-file.parser.js';
export { contentLibraryOpenApi } from './content-library.openapi.js';

/**
 * Loads the content library (the repository's `content/`) into the database. Idempotent: unchanged
 * files write nothing, so the demo can call it at every start and `npm run content:import` at any time.
 */
export function importContentLibrary(db: Connection, dir: string, now: Date = new Date()): Promise<ImportReport> {
  return importContentDirectory(new NoticeTemplateRepository(db), dir, now);
}

/** `/api/v1/templates` routes: browse the library and start announcements from it. Mount at `/api/v1`. */
export function createTemplateRoutes(deps: { db: Connection; announcements: Announcements }): Router {
  const library = new ContentLibraryService({ templates: new NoticeTemplateRepository(deps.db), announcements: deps.announcements.service });
  return createContentLibraryRoutes(library, deps.announcements.present);
}
