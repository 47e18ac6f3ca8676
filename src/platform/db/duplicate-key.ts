/** MongoDB's answer to a write that would break a unique index (E11000), as the driver reports it. */
export const DUPLICATE_KEY = 11000;

export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === DUPLICATE_KEY;
}
