import fc from 'fast-check';
import type { BooleanPlan, NumberPlan } from '../../src/keywords/value-plan.ts';

/** Valid integers of a plan: listed values, or the range with both ends as likely as small and large values between. */
export function validNumber(plan: NumberPlan): fc.Arbitrary<unknown> {
  if (plan.values) return fc.constantFrom(...plan.values);
  const { min, max } = plan;
  if (min === max) return fc.constant(min);
  return fc.oneof(
    { arbitrary: fc.integer({ min, max }), weight: 3 },
    { arbitrary: fc.integer({ min, max: Math.min(max, min + 1000) }), weight: 2 },
    { arbitrary: fc.constantFrom(min, max), weight: 2 },
  );
}

/** Valid booleans of a plan. */
export function validBoolean(plan: BooleanPlan): fc.Arbitrary<unknown> {
  return plan.values ? fc.constantFrom(...plan.values) : fc.boolean();
}
