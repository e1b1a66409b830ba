import { defineLimitKeyword } from './limit.ts';
import { planOfType } from './value-plan.ts';

/** `maxItems`: the most list entries, inclusive. */
export const maxItems = defineLimitKeyword('maxItems', {
  kind: 'count',
  measures: 'items',
  describe: (path, limit) => `${path} must have at most ${limit} entries`,
  narrow: (plan, limit, keyword) => ({ ...planOfType(plan, ['array'], keyword), maxItems: limit }),
  pastLimit: (limit) => [['limit + 1', limit + 1]],
  binding: () => true,
});
