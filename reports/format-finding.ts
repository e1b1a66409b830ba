import type { Finding, Severity } from '../src/checks/finding.ts';
import type { FindingCount } from '../src/checks/finding-log.ts';
import { inconclusiveReasons, type InconclusiveReason } from '../src/checks/outcome.ts';
import type { RuleOutcome, RunResult } from '../src/runner/run-result.ts';

/** A value as one short line of text (cut between characters: half an emoji would be invalid UTF-8). */
export function brief(value: unknown, max = 160): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? 'nothing';
  if (text.length <= max) return text;
  const cut = /[\uD800-\uDBFF]/.test(text.charAt(max - 2)) ? max - 2 : max - 1;
  return `${text.slice(0, cut)}…`;
}

/** "Received … / Documented …" lines for a finding. */
export function describeFinding(finding: Finding): { title: string; received?: string; documented?: string } {
  return {
    title: `${finding.api} · ${finding.rule ?? '(valid request)'} · ${finding.check}: ${finding.message}`,
    ...(finding.received === undefined ? {} : { received: brief(finding.received) }),
    ...(finding.documented === undefined ? {} : { documented: brief(finding.documented) }),
  };
}

/** Severities, most severe first. */
export const severities: readonly Severity[] = ['violation', 'drift', 'info'];

/** Orders by severity, most severe first. */
export function bySeverity(a: Pick<Finding, 'severity'>, b: Pick<Finding, 'severity'>): number {
  return severities.indexOf(a.severity) - severities.indexOf(b.severity);
}

/** Counts of findings by a key (their API, check…) and severity. */
export function countBySeverity(findings: readonly FindingCount[], keyOf: (kind: FindingCount) => string): Map<string, Record<Severity, number>> {
  const counts = new Map<string, Record<Severity, number>>();
  for (const f of findings) {
    const key = keyOf(f);
    const row = counts.get(key) ?? { violation: 0, drift: 0, info: 0 };
    row[f.severity] += f.count;
    counts.set(key, row);
  }
  return counts;
}

/** A percentage as people read it: at most one decimal, rounded down (so 99.96 never shows as 100). */
export function percent(value: number): string {
  return String(Math.floor(value * 10) / 10);
}

/** `Coverage: 4 of 7 testable rules conclusive (57.1%, minimum 90%)`. */
export function coverageLine(coverage: RunResult['coverage']): string {
  return `Coverage: ${coverage.covered} of ${coverage.testable} testable rules conclusive (${percent(coverage.percent)}%, minimum ${percent(coverage.minimum)}%)`;
}

/** Inconclusive counts as [reason, count] pairs in `inconclusiveReasons` order, zero counts left out. */
export function inconclusiveCounts(counts: RuleOutcome['inconclusive']): [InconclusiveReason, number][] {
  return inconclusiveReasons.flatMap((reason): [InconclusiveReason, number][] => {
    const n = counts[reason] ?? 0;
    return n > 0 ? [[reason, n]] : [];
  });
}

/** Why a family is not covered, in words: its reason, else its inconclusive counts, else its state. */
export function coverageReason(rule: Pick<RuleOutcome, 'coverage' | 'coverageReason' | 'inconclusive'>): string {
  if (rule.coverageReason) return rule.coverageReason;
  const counts = inconclusiveCounts(rule.inconclusive);
  if (counts.length > 0) return `no conclusive answer: ${counts.map(([reason, n]) => `${n} ${reason}`).join(', ')}`;
  return rule.coverage;
}
