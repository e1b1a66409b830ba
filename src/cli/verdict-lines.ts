import { exitCodes } from '../errors/index.ts';
import { findingsWords } from '../checks/finding-log.ts';
import type { RunResult } from '../runner/run-result.ts';

/** The exit code of a verdict: 0 passed, 1 failed or interrupted, 4 inconclusive. */
export function exitCodeOf(verdict: RunResult['verdict']): number {
  return verdict === 'passed' ? exitCodes.conforming : verdict === 'inconclusive' ? exitCodes.inconclusive : exitCodes.runFailed;
}

/** The console's last lines: the verdict with its coverage, what was not tested, why answers were inconclusive, and the reports. */
export function verdictLines(result: RunResult, written: readonly string[]): string {
  const reasons = Object.entries(result.inconclusive).map(([reason, n]) => `${reason} ${n}`);
  return [
    `${result.verdict.toUpperCase()}: ${result.reason}`,
    ...result.coverage.notTested.map((line) => `  not tested: ${line}`),
    ...(result.verdict === 'inconclusive' ? result.coverage.uncovered.slice(0, 10).map((u) => `  not covered: ${u.api} ${u.rule}: ${u.reason}`) : []),
    ...(reasons.length > 0 ? [`  inconclusive answers: ${reasons.join(', ')}`] : []),
    `${result.casesSent} cases sent, ${findingsWords(result)}. Reports:`,
    ...written.map((file) => `  ${file}`),
  ].join('\n') + '\n';
}

