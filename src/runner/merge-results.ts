import type { RuleOutcome, RunResult } from './run-result.ts';
import { computeCoverage, decideVerdict, totalInconclusive } from './verdict.ts';

/** Merges the results of shards of one run (same seed) into one result, as if one machine had run it all. */
export function mergeResults(results: readonly RunResult[]): RunResult {
  const [first] = results;
  if (!first) throw new Error('mergeResults: nothing to merge');
  const seeds = new Set(results.map((r) => r.seed));
  if (seeds.size > 1) throw new Error(`mergeResults: the reports come from runs with different seeds (${[...seeds].join(', ')})`);
  const strict = results.some((r) => r.strict);
  const findings = results.flatMap((r) => r.findings);
  // A family run in several shards keeps the share that tested it best.
  const rank = { covered: 0, inconclusive: 1, 'not-testable': 2, 'not-covered': 3 } as const;
  const rules = new Map<string, RuleOutcome>();
  for (const outcome of results.flatMap((r) => r.rules)) {
    const key = `${outcome.api}\u0000${outcome.rule}`;
    const known = rules.get(key);
    if (!known || rank[outcome.coverage] < rank[known.coverage]) rules.set(key, outcome);
  }
  const merged = [...rules.values()];
  const coverage = computeCoverage(merged, Math.max(...results.map((r) => r.coverage.minimum)));
  const interrupted = results.find((r) => r.verdict === 'interrupted')?.reason;
  const { verdict, reason } = decideVerdict(findings, coverage, strict, interrupted);
  return {
    verdict,
    reason,
    seed: first.seed,
    strict,
    startedAt: results.map((r) => r.startedAt).sort()[0] ?? first.startedAt,
    durationMs: Math.max(...results.map((r) => r.durationMs)),
    targets: [...new Map(results.flatMap((r) => r.targets).map((t) => [`${t.api}\u0000${t.endpoint}`, t])).values()],
    casesSent: results.reduce((n, r) => n + r.casesSent, 0),
    coverage,
    inconclusive: totalInconclusive(merged),
    findings,
    rules: merged,
    rerun: first.rerun,
  };
}
