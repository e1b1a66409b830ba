import type { ApiId } from '../contract/apis.ts';
import type { Contract } from '../contract/load.ts';
import { readingWorld } from '../contract/readings.ts';
import type { Rule } from '../contract/rule.ts';
import { keywords } from '../keywords/index.ts';
import type { LimitMeasure } from '../keywords/keyword.ts';
import { limitRulesOf } from '../contract/moved-limits.ts';
import type { EditionScore, LimitBound } from './probe-result.ts';
import type { SearchPlan, SearchStep } from './search.ts';

/** A rule the probe can place: a range, length or count with its measure and where its search may go. */
export interface ProbedBound {
  readonly rule: Rule;
  readonly kind: LimitBound['kind'];
  readonly measure: LimitMeasure;
  readonly plan: SearchPlan;
}

/** A bound as one edition (or reading) states it; `null` where it states no such rule. */
export type StatedBound = number | null;

/** The measure of a rule's keyword, when it is a limit. */
export function measureOf(rule: Rule): LimitMeasure | undefined {
  return keywords.find((k) => k.keyword === rule.keyword)?.measure;
}

function limitOf(rule: Rule): number {
  return rule.params['limit'] as number;
}

/**
 * The range, length and count rules of a contract, each with its search: from the documented bound,
 * inward no farther than the documented bound on the other side of the same value (past it another
 * rule is broken), outward as far as the measure is worth sending.
 */
export function probedBounds(contract: Contract): ProbedBound[] {
  return limitRulesOf(contract).flatMap((rule): ProbedBound[] => {
    const measure = measureOf(rule);
    if (!measure) return [];
    const opposite = contract.rules.find((other) => other.pointer === rule.pointer && measureOf(other)?.of === measure.of && measureOf(other)?.side !== measure.side);
    // On the RPC wire an empty value leaves a parameter unset (seed 001): a length of 0 tests presence, not length.
    const floor = measure.of === 'length' && contract.document.binding.style === 'rpc' ? 1 : measure.floor;
    const [inward, outward] = measure.side === 'upper' ? [floor, measure.ceiling] : [measure.ceiling, floor];
    const plan = { side: measure.side, start: limitOf(rule), within: [opposite ? limitOf(opposite) : inward, outward] as const, outerIsLast: measure.side === 'lower' && measure.of !== 'value' };
    return [{ rule, kind: rule.kind as LimitBound['kind'], measure, plan }];
  });
}

/** A limit rule of `contract` with this id, as written. */
function statedIn(contract: Contract, ruleId: string): StatedBound {
  const rule = contract.rules.find((r) => r.id === ruleId && measureOf(r) !== undefined);
  return rule ? limitOf(rule) : null;
}

/** Every bound the readings of the documents allow for a rule: as written, and as each reading of its contradiction states it. */
export function readingBounds(contract: Contract, ruleId: string): StatedBound[] {
  const rule = contract.rules.find((r) => r.id === ruleId);
  const contradiction = contract.readings.find((c) => c.id === rule?.ambiguous);
  const stated = [statedIn(contract, ruleId)];
  for (const reading of contradiction?.readings ?? []) {
    const world = readingWorld({ schema: contract.requestSchema, rules: contract.rules }, contract.document.binding.style, contract.readings, new Map([[contradiction!.id, reading.id]]));
    const inWorld = world.rules.find((r) => r.id === ruleId && measureOf(r) !== undefined);
    stated.push(inWorld ? limitOf(inWorld) : null);
  }
  return [...new Set(stated)];
}

/** The bound each edition states for a rule, by edition id. */
export function editionBounds(editions: readonly Contract[], ruleId: string): Record<ApiId, StatedBound> {
  return Object.fromEntries(editions.map((edition) => [edition.id, statedIn(edition, ruleId)]));
}

/**
 * Whether a stated bound predicts every conclusive answer: accepted sizes on its allowed side,
 * refused ones past it. A statement without the rule predicts that nothing is refused.
 */
export function explains(bound: StatedBound, side: SearchPlan['side'], steps: readonly SearchStep[]): boolean {
  return steps.every(({ size, answer }) => {
    if (answer === 'inconclusive') return true;
    const allowed = bound === null || (side === 'upper' ? size <= bound : size >= bound);
    return allowed === (answer === 'accepted');
  });
}

/** How well each edition explains the probes: a probe agrees when the edition (under one of its readings) predicts every conclusive answer. */
export function scoreEditions(editions: readonly Contract[], probes: readonly { readonly agreement: Readonly<Record<ApiId, boolean | null>> }[]): EditionScore[] {
  return editions.map((edition) => ({
    api: edition.id,
    agree: probes.filter((p) => p.agreement[edition.id] === true).length,
    disagree: probes.filter((p) => p.agreement[edition.id] === false).length,
  }));
}

/** The edition that explains the most answers (the fewest contradicted breaking a tie), or null when no single one does. */
export function closestEdition(scores: readonly EditionScore[]): ApiId | null {
  const ranked = [...scores].sort((a, b) => b.agree - a.agree || a.disagree - b.disagree);
  const [best, next] = ranked;
  if (!best || best.agree === 0) return null;
  return next && next.agree === best.agree && next.disagree === best.disagree ? null : best.api;
}
