import type { BooleanPlan, NumberPlan } from '../../src/keywords/value-plan.ts';
import { constantSampler, listedSampler, smallerSizes, type Sampler } from './sampler.ts';

/** How far above the minimum the "small values" share of draws reaches. */
const smallSpan = 1000;

/**
 * Valid integers of a plan: listed values, or the range with both ends as likely as small and large
 * values between (weights 3 anywhere, 2 small, 1 each end); shrinking towards the minimum.
 */
export function numberSampler(plan: NumberPlan): Sampler<unknown> {
  if (plan.values) return listedSampler(plan.values);
  const { min, max } = plan;
  if (min === max) return constantSampler(min);
  const smallMax = Math.min(max, min + smallSpan);
  return {
    draw: (draws) => {
      const pick = draws.int(0, 6);
      if (pick < 3) return draws.int(min, max);
      if (pick < 5) return draws.int(min, smallMax);
      return pick === 5 ? min : max;
    },
    shrink: (value) => (typeof value === 'number' ? smallerSizes(min, value) : []),
  };
}

/** Valid booleans of a plan, shrinking towards false. */
export function booleanSampler(plan: BooleanPlan): Sampler<unknown> {
  return listedSampler(plan.values ?? [false, true]);
}
