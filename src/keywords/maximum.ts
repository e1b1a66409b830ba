import { defineLimitKeyword } from './limit.ts';
import { planOfType } from './value-plan.ts';

/** `maximum`: the largest allowed number, inclusive. */
export const maximum = defineLimitKeyword('maximum', {
  kind: 'range',
  measures: 'value',
  describe: (path, limit) => `${path} must be at most ${limit}`,
  narrow: (plan, limit, keyword) => {
    const numbers = planOfType(plan, ['integer', 'number'], keyword);
    return { ...numbers, max: Math.min(numbers.max, limit) };
  },
  // Past the 32-bit range too: a server that parses into an int may overflow instead of rejecting.
  pastLimit: (limit) => [
    ['limit + 1', limit + 1],
    ['beyond 32-bit', 2 ** 31],
  ].filter(([, value]) => (value as number) > limit) as [string, number][],
  binding: () => true,
});
