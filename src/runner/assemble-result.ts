import type { Finding } from '../checks/finding.ts';
import { addFindingCounts, defaultKeptPerKind, type FindingCount } from '../checks/finding-log.ts';
import type { ApiId } from '../contract/apis.ts';
import type { ApiRunOutput } from './run-api.ts';
import type { RuleOutcome, RunResult } from './run-result.ts';
import { computeCoverage, decideVerdict, totalInconclusive } from './verdict.ts';

/** One API's share of a run, as the suites hand it over. */
export interface ApiShare {
  readonly api: ApiId;
  readonly findings: readonly Finding[];
  readonly findingCounts: readonly FindingCount[];
  readonly outcomes: readonly RuleOutcome[];
  readonly summary?: Pick<ApiRunOutput, 'casesSent' | 'interrupted' | 'stopped'>;
}

/** Run-level facts the shares do not know. */
export interface RunFacts {
  readonly seed: number;
  readonly strict: boolean;
  readonly startedAt: Date;
  readonly targets: RunResult['targets'];
  readonly rerun: string;
  /** The coverage the verdict demands, in percent. @default 100 */
  readonly minCoverage?: number;
  /** Findings kept whole per kind. @default defaultKeptPerKind */
  readonly keptPerKind?: number;
  /** The run was stopped from outside (Ctrl-C) or vitest failed to run a suite. */
  readonly interrupted?: string;
}

/** Builds the run's result: every finding, an outcome for every family of every API run, coverage, the verdict and its reason. */
export function assembleResult(shares: readonly ApiShare[], facts: RunFacts): RunResult {
  const findings = shares.flatMap((s) => s.findings);
  const findingCounts = addFindingCounts(...shares.map((s) => s.findingCounts));
  const rules = shares.flatMap((s) => s.outcomes);
  const coverage = computeCoverage(rules, facts.minCoverage);
  const interrupted = facts.interrupted ?? (shares.some((s) => s.summary?.interrupted) ? 'the deadline passed before every case was sent' : undefined);
  const { verdict, reason } = decideVerdict(findingCounts, coverage, facts.strict, interrupted);
  const stopped = shares.flatMap((s) => (s.summary?.stopped ? [s.summary.stopped] : []));
  return {
    verdict,
    reason: stopped.length > 0 ? `${reason}; ${stopped.join('; ')}` : reason,
    seed: facts.seed,
    strict: facts.strict,
    startedAt: facts.startedAt.toISOString(),
    durationMs: Date.now() - facts.startedAt.getTime(),
    targets: facts.targets,
    casesSent: shares.reduce((sum, s) => sum + (s.summary?.casesSent ?? 0), 0),
    coverage,
    inconclusive: totalInconclusive(rules),
    findings,
    findingCounts,
    keptPerKind: facts.keptPerKind ?? defaultKeptPerKind,
    rules,
    rerun: facts.rerun,
  };
}
