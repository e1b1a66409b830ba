import { defineLimitKeyword } from './limit.ts';

/** `maxLength`: the most characters (Unicode code points), inclusive. */
export const maxLength = defineLimitKeyword('maxLength', 'length', (path, limit) => `${path} must be at most ${limit} characters long`);
