/**
 * A MongoDB ObjectId as a 24-digit lowercase hex string. Ids from paths and cursors are checked with this before
 * they reach a query: anything else is simply not found. (mongoose's `isValidObjectId` also takes any 12-character
 * string, which is not what a caller who typed an id means.)
 */
export const isObjectId = (id: string): boolean => /^[0-9a-f]{24}$/.test(id);
