import type { RunResult } from '../src/runner/run-result.ts';

/** report.json: the whole run result (what `merge-reports` and `replay` read back), `findings` at the top level with the seed, the verdict and its coverage. */
export function renderJson(result: RunResult): string {
  const { verdict, reason, seed, strict, startedAt, durationMs, targets, casesSent, coverage, inconclusive, rerun, findings, findingCounts, keptPerKind, rules } = result;
  return `${JSON.stringify({ verdict, reason, seed, strict, startedAt, durationMs, targets, casesSent, coverage, inconclusive, rerun, findings, findingCounts, keptPerKind, rules }, null, 2)}\n`;
}
