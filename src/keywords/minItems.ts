import { defineLimitKeyword } from './limit.ts';

/** `minItems`: the fewest list entries, inclusive. */
export const minItems = defineLimitKeyword('minItems', 'count', (path, limit) => `${path} must have at least ${limit} entries`);
