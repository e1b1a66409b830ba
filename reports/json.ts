import type { RunResult } from '../src/runner/run-result.ts';

/** report.json: the whole run result, `findings` at the top level with the seed and the verdict. */
export function renderJson(result: RunResult): string {
  const { verdict, reason, seed, strict, startedAt, durationMs, targets, casesSent, rerun, findings, rules } = result;
  return `${JSON.stringify({ verdict, reason, seed, strict, startedAt, durationMs, targets, casesSent, rerun, findings, rules }, null, 2)}\n`;
}
