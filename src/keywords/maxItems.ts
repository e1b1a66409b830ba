import { defineLimitKeyword } from './limit.ts';

/** `maxItems`: the most list entries, inclusive. */
export const maxItems = defineLimitKeyword('maxItems', 'count', (path, limit) => `${path} must have at most ${limit} entries`);
