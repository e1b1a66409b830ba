import { below, defineLimitKeyword } from './limit.ts';
import { planOfType } from './value-plan.ts';

/** `minimum`: the smallest allowed number, inclusive. */
export const minimum = defineLimitKeyword('minimum', {
  kind: 'range',
  measures: 'value',
  describe: (path, limit) => `${path} must be at least ${limit}`,
  narrow: (plan, limit, keyword) => {
    const numbers = planOfType(plan, ['integer', 'number'], keyword);
    return { ...numbers, min: Math.max(numbers.min, limit) };
  },
  pastLimit: below,
  binding: () => true,
});
