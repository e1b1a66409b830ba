import type { Finding, Severity } from '../checks/finding.ts';
import type { FindingCount } from '../checks/finding-log.ts';
import type { InconclusiveReason } from '../checks/outcome.ts';

/**
 * The run's verdict: `passed` no failing finding and every rule the run could test was tested
 * conclusively; `failed` findings that fail the run; `inconclusive` no failing finding, but rules the
 * run could test got no conclusive answer (authentication, throttling, fixtures…); `interrupted`
 * stopped early (Ctrl-C, deadline, a suite that could not run).
 */
export type Verdict = 'passed' | 'failed' | 'inconclusive' | 'interrupted';

/** What a family of cases tests: random valid requests, one rule, a stateful rule, or a wire-level rule. */
export type FamilyKind = 'valid' | 'rule' | 'stateful' | 'wire';

/**
 * Whether a family was tested: `covered` at least one conclusive case; `inconclusive` cases were meant
 * for it but none answered conclusively; `not-covered` no case could be made for it; `not-testable`
 * this run's mode or fixtures cannot test it (it does not count against coverage, and the verdict says so).
 */
export type CoverageState = 'covered' | 'inconclusive' | 'not-covered' | 'not-testable';

/** Which readings of a contradiction an endpoint's conclusive answers fit. */
export interface ReadingObservation {
  readonly contradiction: string;
  /** Readings every conclusive probe answer fits; empty when the answers fit no single reading. */
  readonly consistent: readonly string[];
  /** Conclusive probe answers seen. */
  readonly probes: number;
}

/** Counts for one family of cases (a rule, or `(valid)`, `(stateful) …`, `(wire) …`), across the checks that looked at them. */
export interface RuleOutcome {
  readonly api: string;
  /** Rule id, or `(valid)` for random valid requests; stateful and wire-level rules by their ids. */
  readonly rule: string;
  readonly kind: FamilyKind;
  /** Cases (or calls) sent. */
  readonly cases: number;
  /** Cases whose answer said something about the rule. */
  readonly conclusive: number;
  /** Cases sent or planned whose answer (or absence) said nothing about the rule, by reason. */
  readonly inconclusive: Readonly<Partial<Record<InconclusiveReason, number>>>;
  readonly coverage: CoverageState;
  /** Why the family is not covered or not testable, in words. */
  readonly coverageReason?: string;
  /**
   * Calls a shard counted for a family another shard decides (its call sequences touched the rule):
   * they add up when shards merge, and say nothing of coverage.
   */
  readonly countsOnly?: true;
  /** Findings of each severity. */
  readonly findings: Readonly<Record<Severity, number>>;
  /** Checks that ran on the rule's cases → passed (no finding), failed, or info only. */
  readonly checks: Readonly<Record<string, 'passed' | 'failed' | 'info'>>;
  /** For a rule the documents read two ways: which readings the endpoint's answers fit. */
  readonly readings?: readonly ReadingObservation[];
}

/** Coverage of one API: families by state. */
export interface ApiCoverage {
  readonly api: string;
  /** Families the run could test. */
  readonly testable: number;
  readonly covered: number;
  readonly inconclusive: number;
  readonly notCovered: number;
  readonly notTestable: number;
}

/** How much of what the run could test it tested conclusively. */
export interface Coverage {
  /** Families covered / testable, in percent (100 when nothing was testable). */
  readonly percent: number;
  /** The bar the verdict holds coverage to (`--min-coverage`). */
  readonly minimum: number;
  readonly testable: number;
  readonly covered: number;
  readonly byApi: readonly ApiCoverage[];
  /** Testable families that were not covered, with why. */
  readonly uncovered: readonly { readonly api: string; readonly rule: string; readonly state: CoverageState; readonly reason: string }[];
  /** What this run could not test, and why (no-create mode, fixtures too few for the quota…). */
  readonly notTested: readonly string[];
}

/** Everything a report needs about one run. Reports read only this type. */
export interface RunResult {
  readonly verdict: Verdict;
  /** Why the verdict, in one line: e.g. `3 findings of severity violation`. */
  readonly reason: string;
  readonly seed: number;
  readonly strict: boolean;
  readonly startedAt: string;
  readonly durationMs: number;
  /** Per API: the endpoint and edition it was run against. */
  readonly targets: readonly { readonly api: string; readonly endpoint: string; readonly edition?: string }[];
  readonly casesSent: number;
  readonly coverage: Coverage;
  /** Inconclusive cases of the whole run, by reason. */
  readonly inconclusive: Readonly<Partial<Record<InconclusiveReason, number>>>;
  /** The findings kept whole: the first few of each kind (API, rule, check, code, severity), and every resource left behind. */
  readonly findings: readonly Finding[];
  /** Every finding of the run, counted by kind: what the verdict and the totals count. */
  readonly findingCounts: readonly FindingCount[];
  /** Findings kept whole per kind (`--keep-findings`). */
  readonly keptPerKind: number;
  readonly rules: readonly RuleOutcome[];
  /** The command line that repeats the run. */
  readonly rerun: string;
}
