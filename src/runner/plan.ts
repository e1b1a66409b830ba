import fc from 'fast-check';
import { drawCases, type CaseGenerators, type CaseKind, type CaseMode, type RequestCase } from '../../generators/request-case.ts';
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

/**
 * The cases of a run, in sending order: random valid requests, then each rule's boundary, violation
 * and probe cases; and the families they test. `rules` selects families (`(valid)` the valid requests).
 */
export function planCases(api: string, generators: CaseGenerators, seed: number, plan: Partial<CasePlan> = {}, rules?: ReadonlySet<string>): { cases: PlannedCase[]; families: PlannedFamily[] } {
  const { valid, perRule, boundaries, idempotency } = { ...defaultPlan, ...plan };
  const cases: PlannedCase[] = [];
  const families: PlannedFamily[] = [];
  const takesToken = generators.contract.requestSchema.properties?.['ClientToken'] !== undefined;
  const add = (family: string, drawn: readonly RequestCase[], probes = 0): void => {
    drawn.forEach((c, index) => cases.push({ id: `${api}#${cases.length + 1}`, case: c, family, idempotencyProbe: index < probes && typeof c.request['ClientToken'] === 'string' }));
  };
  if (!rules || rules.has('(valid)')) {
    families.push({ family: '(valid)', kind: 'valid', deciding: 'valid' });
    add('(valid)', fc.sample(generators.valid(), { seed: familySeed(seed, '(valid)/valid'), numRuns: valid }), takesToken ? idempotency : 0);
  }
  const draw = (rule: Rule, mode: CaseMode, count: number) => (count === 0 ? [] : drawCases(generators.candidates(rule, mode), familySeed(seed, `${rule.id}/${mode}`), count));
  for (const rule of generators.contract.rules) {
    if (rules && !rules.has(rule.id)) continue;
    const drawn = { boundary: draw(rule, 'boundary', boundaries), violation: draw(rule, 'violation', perRule), probe: draw(rule, 'probe', probesFor(generators, rule, perRule)) };
    const deciding = drawn.violation.length > 0 ? 'violation' : drawn.probe.length > 0 ? 'probe' : drawn.boundary.length > 0 ? 'valid' : undefined;
    families.push({ family: rule.id, kind: 'rule', ...(deciding ? { deciding } : {}) });
    add(rule.id, [...drawn.boundary, ...drawn.violation, ...drawn.probe]);
  }
  // One case per wire-level rule of the vendor's protocol: the same for every seed.
  for (const wire of generators.contract.wireRules.rules) {
    const family = wireFamily(wire.id);
    if (rules && !rules.has(family)) continue;
    families.push({ family, kind: 'wire', deciding: 'violation' });
    const c: RequestCase = { kind: 'violation', rule: family, label: wire.says, request: {}, expected: { outcome: 'reject', codes: wire.codes } };
    cases.push({ id: `${api}#${cases.length + 1}`, case: c, family, idempotencyProbe: false, wire: wire.mutation });
  }
  return { cases, families };
}
