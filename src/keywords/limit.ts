import fc from 'fast-check';
import type { RuleKind } from '../contract/rule.ts';
import { defineRule, displayPath, setAt, type Edit, type KeywordDefinition, type LimitMeasure } from './keyword.ts';
import { planOfType, withLength, type ValuePlan } from './value-plan.ts';

type LimitKeyword = 'minimum' | 'maximum' | 'minLength' | 'maxLength' | 'minItems' | 'maxItems';

interface LimitBehaviour {
  readonly kind: RuleKind;
  readonly describe: (path: string, limit: number) => string;
  /** Narrows the plan to the limit. */
  readonly narrow: (plan: ValuePlan, limit: number, keyword: string) => ValuePlan;
  /** The sizes or values just past the limit, with their labels. */
  readonly pastLimit: (limit: number) => readonly (readonly [string, number])[];
  /** Whether the limit constrains anything (a zero lower bound on a length does not). */
  readonly binding: (limit: number) => boolean;
  /** `numbers` keywords set the value itself; the others build a value of that size. */
  readonly measures: 'value' | 'length' | 'items';
}

/** Defines an inclusive limit keyword (ranges, lengths, counts) from its behaviour. */
export function defineLimitKeyword(keyword: LimitKeyword, behaviour: LimitBehaviour): KeywordDefinition {
  const limitOf = (node: { readonly [k: string]: unknown }): number => node[keyword] as number;
  const atSize = (rule: Parameters<KeywordDefinition['violations']>[0], node: Parameters<KeywordDefinition['violations']>[1], tools: Parameters<KeywordDefinition['violations']>[2], label: string, size: number): fc.Arbitrary<Edit> => {
    if (behaviour.measures === 'value') return fc.constant(setAt(rule, label, size));
    const plan = tools.plan(node);
    const sized =
      behaviour.measures === 'length'
        ? withLength(planOfType(plan, ['string'], keyword), size)
        : { ...planOfType(plan, ['array'], keyword), minItems: size, maxItems: size };
    return tools.valid(node, sized).map((value) => setAt(rule, label, value));
  };
  const measure: LimitMeasure = {
    side: keyword.startsWith('max') ? 'upper' : 'lower',
    of: behaviour.measures,
    floor: behaviour.measures === 'value' ? -(2 ** 31) : 0,
    ceiling: { value: 2 ** 31, length: 2 ** 16, items: 2 ** 10 }[behaviour.measures],
    edit: (rule, node, tools, size) => atSize(rule, node, tools, `size ${size}`, size),
  };
  const definition: KeywordDefinition = {
    keyword,
    measure,
    kind: behaviour.kind,
    rules: (node, site) => {
      const limit = node[keyword];
      return limit === undefined || !behaviour.binding(limit)
        ? []
        : [defineRule(definition, node, site, { params: { limit }, description: behaviour.describe(displayPath(site), limit) })];
    },
    narrow: (plan, node) => (node[keyword] === undefined ? plan : behaviour.narrow(plan, limitOf(node), keyword)),
    boundaries: (rule, node, tools) => atSize(rule, node, tools, `exactly ${limitOf(node)}`, limitOf(node)),
    violations: (rule, node, tools) => fc.oneof(...behaviour.pastLimit(limitOf(node)).map(([label, size]) => atSize(rule, node, tools, label, size))),
  };
  return definition;
}

/** Candidate values below a lower bound, nearest first, without repeats. */
export function below(limit: number): (readonly [string, number])[] {
  const seen = new Set<number>();
  return (
    [
      ['limit − 1', limit - 1],
      ['zero', 0],
      ['negative', -1],
    ] as const
  ).filter(([, value]) => value < limit && !seen.has(value) && seen.add(value));
}
