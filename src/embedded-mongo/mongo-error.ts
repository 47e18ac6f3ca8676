/**
 * A command failure carrying MongoDB's own code and codeName, so the driver raises the same
 * MongoServerError it would against a real server.
 */
export class MongoCommandError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly errorLabels: string[] = [],
  ) {
    super(message);
  }

  toReply(): Record<string, unknown> {
    const reply: Record<string, unknown> = { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
    if (this.errorLabels.length > 0) reply['errorLabels'] = this.errorLabels;
    return reply;
  }
}

export const badValue = (message: string): MongoCommandError => new MongoCommandError(2, 'BadValue', message);
export const failedToParse = (message: string): MongoCommandError => new MongoCommandError(9, 'FailedToParse', message);
export const namespaceNotFound = (message: string): MongoCommandError => new MongoCommandError(26, 'NamespaceNotFound', message);
export const namespaceExists = (message: string): MongoCommandError => new MongoCommandError(48, 'NamespaceExists', message);
export const cursorNotFound = (message: string): MongoCommandError => new MongoCommandError(43, 'CursorNotFound', message);
export const commandNotFound = (name: string): MongoCommandError =>
  new MongoCommandError(59, 'CommandNotFound', `no such command: '${name}'`);
export const notSupported = (message: string): MongoCommandError => new MongoCommandError(115, 'CommandNotSupported', message);
export const invalidBson = (message: string): MongoCommandError => new MongoCommandError(22, 'InvalidBSON', message);

/** Turns anything thrown while running a command into a MongoDB-shaped error reply. */
export function toErrorReply(error: unknown): Record<string, unknown> {
  if (error instanceof MongoCommandError) return error.toReply();
  const message = error instanceof Error ? error.message : String(error);
  // mingo reports unsupported operators and bad expressions by throwing; MongoDB answers those as BadValue-like failures.
  return { ok: 0, errmsg: message, code: 2, codeName: 'BadValue' };
}
