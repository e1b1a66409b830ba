import type { ApiId } from '../contract/apis.ts';
import type { Contract } from '../contract/load.ts';
import { readingWorld } from '../contract/readings.ts';
import type { Rule } from '../contract/rule.ts';
import { nodeAt } from '../contract/schema-node.ts';
import { systemClock, type Clock } from '../keywords/clock.ts';
import { keywords } from '../keywords/index.ts';
import type { LimitMeasure } from '../keywords/keyword.ts';
import { durationMs, readTimeWindow, type TimeWindow } from '../keywords/timeWindow.ts';
import { isWindowEdge, limitRulesOf } from '../contract/moved-limits.ts';
import type { EditionScore, LimitBound } from './probe-result.ts';
import type { SearchPlan, SearchStep } from './search.ts';

/** What a probed size counts: the number itself, characters, entries, or seconds from now (a time window's edge). */
export type SizeUnit = LimitMeasure['of'] | 'seconds';

/** A rule the probe can place: a range, length or count, or a time window's edge, with where its search may go. */
export interface ProbedBound {
  readonly rule: Rule;
  readonly kind: LimitBound['kind'];
  readonly of: SizeUnit;
  readonly plan: SearchPlan;
  /**
   * A time window's edge: the value `size` seconds from now, read from the clock as each request is
   * built (the generators' clock stands still for an hour). Other bounds use their keyword's measure.
   */
  readonly valueAt?: (size: number) => string;
}

/** How far a time window's edge is searched from now, either way: ten years (past it a request tests the calendar, not the rule). */
const windowReach = 10 * 366 * 86_400;

/**
 * Seconds the clocks of client and endpoint, the request's travel and whole-second times may move an
 * edge: an answer this close to a stated edge agrees with it either way, so a conforming endpoint
 * a minute off our clock never drifts; the observed edge is still placed to the second. The search
 * also steps out by this much first: a drift of days is placed in about 35 requests, not 45.
 */
export const windowTolerance = 120;

/** A bound as one edition (or reading) states it; `null` where it states no such rule. */
export type StatedBound = number | null;

/** The measure of a rule's keyword, when it is a limit. */
export function measureOf(rule: Rule): LimitMeasure | undefined {
  return keywords.find((k) => k.keyword === rule.keyword)?.measure;
}

/**
 * The bound a rule states as a size, if it is a probed one: a limit's number, or a time window's edge
 * in seconds from now (the first second accepted after an exclusive lower edge).
 */
export function statedLimit(rule: Rule): number | undefined {
  if (isWindowEdge(rule)) {
    const window = rule.params as unknown as TimeWindow & { readonly bound: 'after' | 'notAfter' };
    return window.bound === 'after' ? durationMs(window.after) / 1000 + (window.exclusiveAfter ? 1 : 0) : durationMs(window.notAfter) / 1000;
  }
  return measureOf(rule) !== undefined && typeof rule.params['limit'] === 'number' ? rule.params['limit'] : undefined;
}

function limitOf(rule: Rule): number {
  return statedLimit(rule) as number;
}

/** The edges of each time window, each searched in seconds from now, on requests whose time is read from `clock` as they are built. */
function windowEdges(contract: Contract, clock: Clock): ProbedBound[] {
  return contract.rules.flatMap((rule): ProbedBound[] => {
    if (!isWindowEdge(rule)) return [];
    const read = readTimeWindow(nodeAt(contract.requestSchema, rule.schemaPointer) ?? {});
    const opposite = contract.rules.find((other) => isWindowEdge(other) && other.pointer === rule.pointer && other.id !== rule.id);
    if (!read || !opposite) return [];
    const side = rule.params['bound'] === 'after' ? 'lower' : 'upper';
    const plan: SearchPlan = { side, start: limitOf(rule), within: [limitOf(opposite), side === 'upper' ? windowReach : -windowReach], tolerance: windowTolerance, firstStep: windowTolerance };
    const valueAt = (size: number) => read.format.fromDate(new Date(Math.floor(clock.now().getTime() / 1000) * 1000 + size * 1000));
    return [{ rule, kind: 'timeWindow', of: 'seconds', plan, valueAt }];
  });
}

/**
 * The range, length and count rules of a contract, each with its search: from the documented bound,
 * inward no farther than the documented bound on the other side of the same value (past it another
 * rule is broken), outward as far as the measure is worth sending; then the edges of its time windows.
 */
export function probedBounds(contract: Contract, clock: Clock = systemClock): ProbedBound[] {
  const limits = limitRulesOf(contract).flatMap((rule): ProbedBound[] => {
    const measure = measureOf(rule);
    if (!measure) return [];
    const opposite = contract.rules.find((other) => other.pointer === rule.pointer && measureOf(other)?.of === measure.of && measureOf(other)?.side !== measure.side);
    // On the RPC wire an empty value leaves a parameter unset (seed 001): a length of 0 tests presence, not length.
    const floor = measure.of === 'length' && contract.document.binding.style === 'rpc' ? 1 : measure.floor;
    const [inward, outward] = measure.side === 'upper' ? [floor, measure.ceiling] : [measure.ceiling, floor];
    const plan = { side: measure.side, start: limitOf(rule), within: [opposite ? limitOf(opposite) : inward, outward] as const, outerIsLast: measure.side === 'lower' && measure.of !== 'value' };
    return [{ rule, kind: rule.kind as LimitBound['kind'], of: measure.of, plan }];
  });
  return [...limits, ...windowEdges(contract, clock)];
}

/** A limit rule of `contract` with this id, as written. */
function statedIn(contract: Contract, ruleId: string): StatedBound {
  const rule = contract.rules.find((r) => r.id === ruleId && statedLimit(r) !== undefined);
  return rule ? limitOf(rule) : null;
}

/** Every bound the readings of the documents allow for a rule: as written, and as each reading of its contradiction states it. */
export function readingBounds(contract: Contract, ruleId: string): StatedBound[] {
  const rule = contract.rules.find((r) => r.id === ruleId);
  const contradiction = contract.readings.find((c) => c.id === rule?.ambiguous);
  const stated = [statedIn(contract, ruleId)];
  for (const reading of contradiction?.readings ?? []) {
    const world = readingWorld({ schema: contract.requestSchema, rules: contract.rules }, contract.document.binding.style, contract.readings, new Map([[contradiction!.id, reading.id]]));
    const inWorld = world.rules.find((r) => r.id === ruleId && statedLimit(r) !== undefined);
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
 * refused ones past it; within `tolerance` of it, either. A statement without the rule predicts that
 * nothing is refused.
 */
export function explains(bound: StatedBound, side: SearchPlan['side'], steps: readonly SearchStep[], tolerance = 0): boolean {
  return steps.every(({ size, answer }) => {
    if (answer === 'inconclusive' || (bound !== null && tolerance > 0 && Math.abs(size - bound) <= tolerance)) return true;
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
