import fc from 'fast-check';
import { drawCases, type CaseGenerators, type CaseKind, type CaseMode, type RequestCase } from '../../generators/request-case.ts';
import { idempotencyRule } from '../checks/idempotency.ts';
import type { Rule } from '../contract/rule.ts';
import type { FamilyKind } from './run-result.ts';
import type { WireMutation } from './wire.ts';

/** How many cases of each family a run sends, per API. */
export interface CasePlan {
  /** Random valid requests. @default 20 */
  readonly valid: number;
  /** Violation cases per rule (and probes per rule the readings disagree on). @default 3 */
  readonly perRule: number;
  /** Boundary-valid cases per rule. @default 1 */
  readonly boundaries: number;
  /** Valid requests also sent twice with the same ClientToken (where the operation takes one). @default 3 */
  readonly idempotency: number;
}

export const defaultPlan: CasePlan = { valid: 20, perRule: 3, boundaries: 1, idempotency: 3 };

/** Random valid requests made at a time. */
const validBatch = 100;

/** A planned case: the case, the family it tests and its id. */
export interface PlannedCase {
  readonly id: string;
  readonly case: RequestCase;
  readonly family: string;
  /** Send it twice with the same ClientToken: the second answer must name the first one's resource. */
  readonly idempotencyProbe: boolean;
  /** A wire-level case: the protocol broken this way, instead of the case's request document. */
  readonly wire?: WireMutation;
}

/** A family of cases and the kind of case whose conclusive answer covers it. */
export interface PlannedFamily {
  readonly family: string;
  readonly kind: FamilyKind;
  /** Violation cases decide a rule; a rule only the readings disagree on is decided by probes; `(valid)` by valid cases. */
  readonly deciding?: CaseKind;
}

/** One family with its cases, made when the plan reaches it. */
export interface FamilyCases {
  readonly family: PlannedFamily;
  readonly cases: readonly PlannedCase[];
}

/**
 * The plan a budget asks for. Without one, the plan as given (the quick default). With one, the
 * number of cases to send: above the default plan it grows (more violations per rule, more random
 * valid requests, and valid requests at the end until the budget is reached); below it, each rule
 * family keeps its first cases only, at least its boundary and first violation case.
 */
export interface PlanSizing {
  readonly plan: CasePlan;
  /** Cases each rule family keeps at most (a trimmed plan). */
  readonly perFamily?: number;
  /** Random valid requests added at the end until this many cases are planned in all. */
  readonly fillTo?: number;
}

/** What a plan's size depends on: the selected families of an operation, by kind. */
export interface FamilyCounts {
  readonly rules: number;
  /** Rules its readings read two ways: they get probes besides their violations. */
  readonly ambiguous: number;
  readonly wire: number;
  readonly valid: boolean;
}

/** The cases a plan sends, as the families' counts promise them (a rule may yield fewer where its readings judge edits otherwise). */
export function plannedSize(plan: CasePlan, counts: FamilyCounts): number {
  return (counts.valid ? plan.valid : 0) + counts.rules * (plan.boundaries + plan.perRule) + counts.ambiguous * plan.perRule + counts.wire;
}

/** The plan for `budget` cases of an operation with these families; the explicit settings (`--valid`, `--per-rule`) are kept as given. */
export function sizePlan(budget: number | undefined, counts: FamilyCounts, explicit: Partial<CasePlan> = {}): PlanSizing {
  const base: CasePlan = { ...defaultPlan, ...explicit };
  if (budget === undefined) return { plan: base };
  const size = plannedSize(base, counts);
  const ruleCases = counts.rules + counts.ambiguous;
  if (budget >= size) {
    // Three quarters of what is left to more violations per rule, the rest (and whatever rules cannot yield) to valid requests.
    const more = explicit.perRule === undefined && ruleCases > 0 ? Math.floor((0.75 * (budget - size)) / ruleCases) : 0;
    const grown = { ...base, perRule: base.perRule + more };
    return { plan: { ...grown, valid: explicit.valid ?? base.valid + Math.max(0, budget - plannedSize(grown, counts)) }, fillTo: budget };
  }
  const valid = counts.valid ? Math.max(1, Math.floor((base.valid * budget) / Math.max(1, size))) : 0;
  const perFamily = Math.max(2, Math.floor((budget - valid - counts.wire) / Math.max(1, counts.rules)));
  return { plan: { ...base, valid, perRule: Math.min(base.perRule, Math.max(1, perFamily - base.boundaries)) }, perFamily };
}

/** The family (and rule) name of a wire-level rule. */
export function wireFamily(id: string): string {
  return `(wire) ${id}`;
}

/** Each family draws from its own seed, derived from the run's: otherwise every rule's cases would share one base request. */
export function familySeed(seed: number, family: string): number {
  let hash = 2166136261;
  for (const char of family) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619);
  return (seed ^ hash) >>> 0;
}

/** Probes a rule gets: as many as violations where its readings differ; one where a transform (null as absent) may make its violations ambiguous. */
function probesFor(generators: CaseGenerators, rule: Rule, perRule: number): number {
  if (rule.ambiguous !== undefined) return perRule;
  return generators.contract.readings.some((c) => c.readings.some((r) => r.transform !== undefined)) && rule.kind === 'type' ? 1 : 0;
}

/** The families selected, counted by kind, to size a plan. */
export function familyCounts(generators: CaseGenerators, rules?: ReadonlySet<string>): FamilyCounts {
  const chosen = generators.contract.rules.filter((r) => !rules || rules.has(r.id));
  return {
    rules: chosen.length,
    ambiguous: chosen.filter((r) => probesFor(generators, r, 1) > 0).length,
    wire: generators.contract.wireRules.rules.filter((w) => !rules || rules.has(wireFamily(w.id))).length,
    valid: !rules || rules.has('(valid)'),
  };
}

/**
 * The cases of a run, family by family, each family's cases made when it is reached (memory stays
 * flat however large the plan): random valid requests, then each rule's boundary, violation and
 * probe cases, the wire-level cases, and valid requests filling the budget. `rules` selects families
 * (`(valid)` the valid requests). The same seed and sizing give the same cases in the same order.
 */
export function* planFamilies(api: string, generators: CaseGenerators, seed: number, sizing: PlanSizing, rules?: ReadonlySet<string>): Generator<FamilyCases> {
  const { valid, perRule, boundaries, idempotency } = sizing.plan;
  // Idempotency is probed where the contract documents it (its stateful rule), on requests that carry a token.
  const takesToken = generators.contract.document.stateful.some((s) => s.id === idempotencyRule) && generators.contract.requestSchema.properties?.['ClientToken'] !== undefined;
  let planned = 0;
  const cased = (family: string, drawn: readonly RequestCase[], probes = 0): PlannedCase[] =>
    drawn.map((c, index) => ({ id: `${api}#${++planned}`, case: c, family, idempotencyProbe: index < probes && typeof c.request['ClientToken'] === 'string' }));
  const validFamily: PlannedFamily = { family: '(valid)', kind: 'valid', deciding: 'valid' };
  /** Random valid requests in batches: a deep run's thousands are made a batch at a time, never holding up the sending for long. */
  function* validBatches(label: string, count: number, probes: number): Generator<FamilyCases> {
    for (let from = 0; from < count; from += validBatch) {
      const drawn = fc.sample(generators.valid(), { seed: familySeed(seed, from === 0 ? label : `${label}/${from}`), numRuns: Math.min(validBatch, count - from) });
      yield { family: validFamily, cases: cased('(valid)', drawn, from === 0 ? probes : 0) };
    }
  }
  const wantsValid = !rules || rules.has('(valid)');
  if (wantsValid) yield* validBatches('(valid)/valid', valid, takesToken ? idempotency : 0);
  const draw = (rule: Rule, mode: CaseMode, count: number) => (count === 0 ? [] : drawCases(generators.candidates(rule, mode), familySeed(seed, `${rule.id}/${mode}`), count));
  for (const rule of generators.contract.rules) {
    if (rules && !rules.has(rule.id)) continue;
    const drawn = { boundary: draw(rule, 'boundary', boundaries), violation: draw(rule, 'violation', perRule), probe: draw(rule, 'probe', probesFor(generators, rule, perRule)) };
    const deciding = drawn.violation.length > 0 ? 'violation' : drawn.probe.length > 0 ? 'probe' : drawn.boundary.length > 0 ? 'valid' : undefined;
    // A trimmed plan keeps a family's first cases: its boundary, its first violation (or probe), then the rest.
    const ordered = [...drawn.boundary, ...drawn.violation, ...drawn.probe].slice(0, sizing.perFamily);
    yield { family: { family: rule.id, kind: 'rule', ...(deciding ? { deciding } : {}) }, cases: cased(rule.id, ordered) };
  }
  // One case per wire-level rule of the vendor's protocol: the same for every seed.
  for (const wire of generators.contract.wireRules.rules) {
    const family = wireFamily(wire.id);
    if (rules && !rules.has(family)) continue;
    const c: RequestCase = { kind: 'violation', rule: family, label: wire.says, request: {}, expected: { outcome: 'reject', codes: wire.codes } };
    yield { family: { family, kind: 'wire', deciding: 'violation' }, cases: [{ id: `${api}#${++planned}`, case: c, family, idempotencyProbe: false, wire: wire.mutation }] };
  }
  if (wantsValid && sizing.fillTo !== undefined && sizing.fillTo > planned) yield* validBatches('(valid)/fill', sizing.fillTo - planned, 0);
}

/** Every case of a plan at once, and its families (a dry run, a test): {@link planFamilies} collected. */
export function planCases(api: string, generators: CaseGenerators, seed: number, plan: Partial<CasePlan> = {}, rules?: ReadonlySet<string>, budget?: number): { cases: PlannedCase[]; families: PlannedFamily[] } {
  const cases: PlannedCase[] = [];
  const families = new Map<string, PlannedFamily>();
  for (const { family, cases: own } of planFamilies(api, generators, seed, sizePlan(budget, familyCounts(generators, rules), plan), rules)) {
    families.set(family.family, family);
    cases.push(...own);
  }
  return { cases, families: [...families.values()] };
}
