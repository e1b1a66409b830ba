import { defineLimitKeyword } from './limit.ts';

/** `minimum`: the smallest allowed number, inclusive. */
export const minimum = defineLimitKeyword('minimum', 'range', (path, limit) => `${path} must be at least ${limit}`);
