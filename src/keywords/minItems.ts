import { below, defineLimitKeyword } from './limit.ts';
import { planOfType } from './value-plan.ts';

/** `minItems`: the fewest list entries, inclusive. */
export const minItems = defineLimitKeyword('minItems', {
  kind: 'count',
  measures: 'items',
  describe: (path, limit) => `${path} must have at least ${limit} entries`,
  narrow: (plan, limit, keyword) => {
    const array = planOfType(plan, ['array'], keyword);
    return { ...array, minItems: limit, maxItems: Math.max(array.maxItems, limit) };
  },
  pastLimit: (limit) => below(limit).filter(([, size]) => size >= 0).slice(0, 1),
  binding: (limit) => limit > 0,
});
