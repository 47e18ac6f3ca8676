/** Ids in paths are checked before they reach a query: anything else is simply not found. */
export const isObjectId = (id: string): boolean => /^[0-9a-f]{24}$/.test(id);
