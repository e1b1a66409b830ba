import { invalidParameter } from './documented-error.ts';
import { faults, type FaultDefinition, type FaultName } from './faults.ts';
import { isRefusal, type RulePlugin } from './rules/rule.ts';
import { parameterName } from './validation-answer.ts';

/** One way to wrap a rule, by the fault's `wrap`. */
const wrappers = {
  /** The rule never runs (nor remembers anything). */
  disable: (rule: RulePlugin): RulePlugin => ({ id: rule.id, ...(rule.stage ? { stage: rule.stage } : {}), check: () => undefined }),
  /** The rule runs with its limit one higher. */
  'one-more': (rule: RulePlugin): RulePlugin => ({ ...rule, check: (call) => rule.check({ ...call, limit: call.limit === undefined ? undefined : call.limit + 1 }) }),
  /** The rule's refusals carry the vendor's invalid-parameter code for the same parameter instead of the rule's code. */
  'invalid-parameter': (rule: RulePlugin): RulePlugin => ({
    ...rule,
    check: (call) => {
      const outcome = rule.check(call);
      if (!outcome || !isRefusal(outcome) || outcome.pointer === undefined) return outcome;
      return { refusal: invalidParameter(call.contract, parameterName(outcome.pointer, call.contract.document.binding.style)), pointer: outcome.pointer };
    },
  }),
} satisfies Record<NonNullable<FaultDefinition['wrap']>, (rule: RulePlugin) => RulePlugin>;

/** The active faults that wrap stateful rules (`state` and `idempotency` faults), in listing order. */
function ruleFaults(active: ReadonlySet<FaultName>): FaultDefinition[] {
  return faults.filter((f: FaultDefinition) => (f.hook === 'state' || f.hook === 'idempotency') && active.has(f.name as FaultName));
}

/**
 * The rule as the active faults make it: each `state` or `idempotency` fault that names it wraps it
 * (`disable`, `one-more`, `invalid-parameter`). The rule itself never asks which faults are on.
 */
export function withFaults(rule: RulePlugin, active: ReadonlySet<FaultName>): RulePlugin {
  return ruleFaults(active)
    .filter((f) => f.rule === rule.id && f.wrap !== undefined)
    .reduce((wrapped, fault) => wrappers[fault.wrap!](wrapped), rule);
}
