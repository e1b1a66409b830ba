import type { Finding } from '../checks/finding.ts';
import { loadContract } from '../contract/load.ts';
import type { ApiId } from '../contract/apis.ts';
import type { ApiRunOutput } from './run-api.ts';
import type { RuleOutcome, RunResult, Verdict } from './run-result.ts';

/** One API's share of a run, as the suites hand it over. */
export interface ApiShare {
  readonly api: ApiId;
  readonly findings: readonly Finding[];
  readonly outcomes: readonly RuleOutcome[];
  readonly summary?: Pick<ApiRunOutput, 'casesSent' | 'skipped' | 'interrupted'>;
}

/** Run-level facts the shares do not know. */
export interface RunFacts {
  readonly seed: number;
  readonly strict: boolean;
  readonly startedAt: Date;
  readonly targets: RunResult['targets'];
  readonly rerun: string;
  /** The run was stopped from outside (Ctrl-C) or vitest failed to run a suite. */
  readonly interrupted?: string;
}

/** Whether a finding fails the run. */
export function isFailing(finding: Finding, strict: boolean): boolean {
  return finding.severity === 'violation' || (strict && finding.severity === 'drift');
}

/** Builds the run's result: every finding, an outcome for every rule of every API run, the verdict and its reason. */
export function assembleResult(shares: readonly ApiShare[], facts: RunFacts): RunResult {
  const findings = shares.flatMap((s) => s.findings);
  const rules: RuleOutcome[] = [];
  for (const api of new Set(shares.map((s) => s.api))) {
    const outcomes = shares.filter((s) => s.api === api).flatMap((s) => s.outcomes);
    const families = ['(valid)', ...loadContract(api).rules.map((r) => r.id)];
    for (const family of families) {
      rules.push(outcomes.find((o) => o.rule === family) ?? { api, rule: family, cases: 0, findings: { violation: 0, drift: 0, info: 0 }, checks: {} });
    }
    rules.push(...outcomes.filter((o) => !families.includes(o.rule)));
  }
  const failing = findings.filter((f) => isFailing(f, facts.strict));
  const interrupted = facts.interrupted ?? (shares.some((s) => s.summary?.interrupted) ? 'the deadline passed before every case was sent' : undefined);
  const verdict: Verdict = failing.length > 0 ? 'failed' : interrupted ? 'interrupted' : 'passed';
  const bySeverity = (severity: string) => findings.filter((f) => f.severity === severity).length;
  const reason =
    verdict === 'failed'
      ? `${failing.length} finding${failing.length === 1 ? '' : 's'} of severity ${facts.strict ? 'violation or drift (--strict)' : 'violation'}`
      : verdict === 'interrupted'
        ? (interrupted as string)
        : `no finding of severity violation${facts.strict ? ' or drift' : ''} (${bySeverity('drift')} drift, ${bySeverity('info')} info)`;
  return {
    verdict,
    reason,
    seed: facts.seed,
    strict: facts.strict,
    startedAt: facts.startedAt.toISOString(),
    durationMs: Date.now() - facts.startedAt.getTime(),
    targets: facts.targets,
    casesSent: shares.reduce((sum, s) => sum + (s.summary?.casesSent ?? 0), 0),
    findings,
    rules,
    rerun: facts.rerun,
  };
}
