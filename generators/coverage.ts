import type { Contract } from '../src/contract/load.ts';
import type { RuleKind } from '../src/contract/rule.ts';
import type { GenerationOptions } from './context.ts';
import { createCaseGenerators, drawCases, type RequestCase } from './request-case.ts';

/** How well one rule is exercised. */
export interface RuleCoverage {
  readonly rule: string;
  readonly kind: RuleKind;
  /** The contradiction whose readings state the rule otherwise. */
  readonly ambiguous?: string;
  /** Distinct violating cases among the samples (distinct label and value): invalid under every reading. */
  readonly violationCases: number;
  /** Distinct boundary-valid cases among the samples. */
  readonly boundaryCases: number;
  /** Distinct probes: cases the readings judge differently. */
  readonly probeCases: number;
  /** The kinds of violation seen, e.g. `limit + 1`, `missing`. */
  readonly violationLabels: readonly string[];
}

/** Options of {@link measureCoverage}. */
export interface CoverageOptions extends GenerationOptions {
  /** Samples drawn per rule and mode. @default 20 */
  readonly samples?: number;
  readonly seed?: number;
}

function distinct(cases: readonly RequestCase[]): number {
  return new Set(cases.map((c) => `${c.label}\u0000${JSON.stringify(c.value ?? null)}`)).size;
}

/** Samples every rule of a contract and counts the distinct violation, boundary and probe cases it yields. */
export function measureCoverage(contract: Contract, options: CoverageOptions = {}): RuleCoverage[] {
  const generators = createCaseGenerators(contract, options);
  const seed = options.seed ?? 1;
  const samples = options.samples ?? 20;
  return contract.rules.map((rule) => {
    const violations = drawCases(generators.candidates(rule, 'violation'), seed, samples);
    const boundaries = drawCases(generators.candidates(rule, 'boundary'), seed, samples);
    const probes = rule.ambiguous === undefined ? [] : drawCases(generators.candidates(rule, 'probe'), seed, samples);
    return {
      rule: rule.id,
      kind: rule.kind,
      ...(rule.ambiguous === undefined ? {} : { ambiguous: rule.ambiguous }),
      violationCases: distinct(violations),
      boundaryCases: distinct(boundaries),
      probeCases: distinct(probes),
      violationLabels: [...new Set(violations.map((c) => c.label))].sort(),
    };
  });
}
