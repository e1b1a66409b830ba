import { defineLimitKeyword } from './limit.ts';

/** `minLength`: the fewest characters (Unicode code points), inclusive. */
export const minLength = defineLimitKeyword('minLength', 'length', (path, limit) => `${path} must be at least ${limit} characters long`);
