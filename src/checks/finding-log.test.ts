import { describe, expect, it } from 'vitest';
import type { Finding } from './finding.ts';
import { addFindingCounts, countFindings, failingTotal, FindingLog, findingsWords, keptPerKind, totalOf } from './finding-log.ts';

const finding = (caseId: string, extra: Partial<Finding> = {}): Finding => ({
  check: 'violation-rejected',
  code: 'accepted_invalid_request',
  severity: 'violation',
  api: 'a',
  rule: 'R',
  caseId,
  message: 'm',
  request: { method: 'POST', url: 'u', headers: {} },
  curl: '',
  seed: 1,
  ...extra,
});

describe('FindingLog', () => {
  it('counts every finding, keeps the first few of each kind whole and builds no other', () => {
    const log = new FindingLog(2);
    let built = 0;
    const record = (f: Finding) => log.record(f, () => ((built += 1), f));
    for (let i = 1; i <= 5; i += 1) record(finding(`a#${i}`));
    record(finding('a#6', { code: 'undocumented_error_code', severity: 'drift', check: 'error-code-documented' }));
    record(finding('a#7', { rule: 'S' }));
    expect(log.kept.map((f) => f.caseId)).toEqual(['a#1', 'a#2', 'a#6', 'a#7']);
    expect(built).toBe(4);
    expect(log.total).toBe(7);
    expect(log.counts()).toEqual([
      { api: 'a', rule: 'R', check: 'violation-rejected', code: 'accepted_invalid_request', severity: 'violation', count: 5 },
      { api: 'a', rule: 'R', check: 'error-code-documented', code: 'undocumented_error_code', severity: 'drift', count: 1 },
      { api: 'a', rule: 'S', check: 'violation-rejected', code: 'accepted_invalid_request', severity: 'violation', count: 1 },
    ]);
    expect(failingTotal(log.counts(), false)).toBe(6);
    expect(failingTotal(log.counts(), true)).toBe(7);
  });

  it('keeps every resource left behind, whatever its kind\'s count', () => {
    const log = new FindingLog(1);
    const left = (id: string) => finding(id, { check: 'cleanup', code: 'cleanup_failed', severity: 'info' });
    log.keep(left('a#1'));
    log.keep(left('a#2'));
    expect(log.kept).toHaveLength(2);
    expect(totalOf(log.counts())).toBe(2);
  });
});

describe('counts of findings', () => {
  it('add up by kind across shards, and a merged list keeps the first few of each kind', () => {
    const shardA = [finding('a#1'), finding('a#2')];
    const shardB = [finding('a#3'), finding('a#4', { rule: 'S' })];
    expect(addFindingCounts(countFindings(shardA), countFindings(shardB))).toEqual([
      { api: 'a', rule: 'R', check: 'violation-rejected', code: 'accepted_invalid_request', severity: 'violation', count: 3 },
      { api: 'a', rule: 'S', check: 'violation-rejected', code: 'accepted_invalid_request', severity: 'violation', count: 1 },
    ]);
    expect(keptPerKind([...shardA, ...shardB], 2).map((f) => f.caseId)).toEqual(['a#1', 'a#2', 'a#4']);
    const left = (id: string) => finding(id, { check: 'cleanup', code: 'cleanup_failed', severity: 'info' });
    expect(keptPerKind([left('a#5'), left('a#6')], 1)).toHaveLength(2);
  });

  it('say how many were kept whole only when some were not', () => {
    const counts = [{ api: 'a', check: 'c', code: 'x', severity: 'violation' as const, count: 13_531 }];
    expect(findingsWords({ findings: [finding('a#1')], findingCounts: counts, keptPerKind: 10 })).toBe('13531 findings (1 kept whole: the first 10 of each kind)');
    expect(findingsWords({ findings: [finding('a#1')], findingCounts: [{ ...counts[0]!, count: 1 }], keptPerKind: 10 })).toBe('1 finding');
  });
});
