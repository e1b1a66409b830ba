import type { Finding } from '../src/checks/finding.ts';

/** A value as one short line of text. */
export function brief(value: unknown, max = 160): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? 'nothing';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "Received … / Documented …" lines for a finding. */
export function describeFinding(finding: Finding): { title: string; received?: string; documented?: string } {
  return {
    title: `${finding.api} · ${finding.rule ?? '(valid request)'} · ${finding.check}: ${finding.message}`,
    ...(finding.received === undefined ? {} : { received: brief(finding.received) }),
    ...(finding.documented === undefined ? {} : { documented: brief(finding.documented) }),
  };
}

const weight = { violation: 0, drift: 1, info: 2 } as const;

/** Findings most severe first, then by API and rule. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => weight[a.severity] - weight[b.severity] || a.api.localeCompare(b.api) || (a.rule ?? '').localeCompare(b.rule ?? ''));
}

/** Counts of findings by check and severity. */
export function countByCheck(findings: readonly Finding[]): Map<string, Record<Finding['severity'], number>> {
  const counts = new Map<string, Record<Finding['severity'], number>>();
  for (const f of findings) {
    const row = counts.get(f.check) ?? { violation: 0, drift: 0, info: 0 };
    row[f.severity] += 1;
    counts.set(f.check, row);
  }
  return counts;
}
