import { scrubPersonalData } from '../platform/logging/logger.js';

/** A failure reason fit for a state, a log line and `GET /api/v1/connectors`: no phone numbers or chat ids. */
export function describeFailure(error: unknown): string {
  return scrubPersonalData(error instanceof Error ? error.message : String(error));
}
