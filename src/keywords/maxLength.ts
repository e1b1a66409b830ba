import { defineLimitKeyword } from './limit.ts';
import { planOfType } from './value-plan.ts';

/** `maxLength`: the most characters (Unicode code points), inclusive. */
export const maxLength = defineLimitKeyword('maxLength', {
  kind: 'length',
  measures: 'length',
  describe: (path, limit) => `${path} must be at most ${limit} characters long`,
  narrow: (plan, limit, keyword) => ({ ...planOfType(plan, ['string'], keyword), maxLength: limit }),
  pastLimit: (limit) => [['limit + 1', limit + 1]],
  binding: () => true,
});
