import type { Finding, Severity } from '../checks/finding.ts';

/** The run's verdict: `passed` conforming, `failed` findings that fail the run, `interrupted` stopped early (Ctrl-C, deadline). */
export type Verdict = 'passed' | 'failed' | 'interrupted';

/** Counts for one rule (or for a case family without a rule, such as `valid`), across the checks that looked at its cases. */
export interface RuleOutcome {
  readonly api: string;
  /** Rule id, or `(valid)` for random valid requests, `(stateful)` for call sequences. */
  readonly rule: string;
  readonly cases: number;
  /** Findings of each severity. */
  readonly findings: Readonly<Record<Severity, number>>;
  /** Checks that ran on the rule's cases → passed (no finding) or not. */
  readonly checks: Readonly<Record<string, 'passed' | 'failed' | 'info'>>;
  /** For an ambiguous rule: which reading the endpoint followed (`accepts` / `rejects` / `mixed`). */
  readonly reading?: string;
}

/** Everything a report needs about one run. Reports read only this type. */
export interface RunResult {
  readonly verdict: Verdict;
  /** Why the verdict: e.g. `3 findings of severity violation`. */
  readonly reason: string;
  readonly seed: number;
  readonly strict: boolean;
  readonly startedAt: string;
  readonly durationMs: number;
  /** Per API: the endpoint and edition it was run against. */
  readonly targets: readonly { readonly api: string; readonly endpoint: string; readonly edition?: string }[];
  readonly casesSent: number;
  readonly findings: readonly Finding[];
  readonly rules: readonly RuleOutcome[];
  /** The command line that repeats the run. */
  readonly rerun: string;
}
