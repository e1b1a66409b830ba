import { defineLimitKeyword } from './limit.ts';

/** `maximum`: the largest allowed number, inclusive. */
export const maximum = defineLimitKeyword('maximum', 'range', (path, limit) => `${path} must be at most ${limit}`);
