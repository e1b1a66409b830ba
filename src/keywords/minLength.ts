import { below, defineLimitKeyword } from './limit.ts';
import { planOfType } from './value-plan.ts';

/** `minLength`: the fewest characters (Unicode code points), inclusive. */
export const minLength = defineLimitKeyword('minLength', {
  kind: 'length',
  measures: 'length',
  describe: (path, limit) => `${path} must be at least ${limit} characters long`,
  narrow: (plan, limit, keyword) => {
    const strings = planOfType(plan, ['string'], keyword);
    return { ...strings, minLength: limit, maxLength: Math.max(strings.maxLength, limit) };
  },
  pastLimit: (limit) => below(limit).filter(([, size]) => size >= 0).slice(0, 1),
  binding: (limit) => limit > 0,
});
