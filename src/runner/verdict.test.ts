import { describe, expect, it } from 'vitest';
import type { Finding } from '../checks/finding.ts';
import type { FindingCount } from '../checks/finding-log.ts';
import type { RuleOutcome } from './run-result.ts';
import { computeCoverage, decideVerdict, totalInconclusive } from './verdict.ts';

const outcome = (rule: string, coverage: RuleOutcome['coverage'], extra: Partial<RuleOutcome> = {}): RuleOutcome => ({
  api: 'a',
  rule,
  kind: rule === '(valid)' ? 'valid' : 'rule',
  cases: 1,
  conclusive: coverage === 'covered' ? 1 : 0,
  inconclusive: {},
  coverage,
  findings: { violation: 0, drift: 0, info: 0 },
  checks: {},
  ...extra,
});
const finding = (severity: Finding['severity']): FindingCount => ({ check: 'c', code: 'x', severity, api: 'a', count: 1 });

describe('computeCoverage and decideVerdict', () => {
  it('passes only with every testable family covered, and says what was not testable', () => {
    const rules = [outcome('(valid)', 'not-testable', { coverageReason: 'no-create mode' }), outcome('R1', 'covered'), outcome('R2', 'covered')];
    const coverage = computeCoverage(rules);
    expect(coverage).toMatchObject({ testable: 2, covered: 2, percent: 100 });
    expect(coverage.notTested).toEqual(['a: valid acceptance not tested: no-create mode']);
    expect(decideVerdict([finding('info')], coverage, false).verdict).toBe('passed');
  });

  it('is inconclusive when a testable family got no conclusive answer, naming it; --min-coverage lowers the bar', () => {
    const rules = [outcome('R1', 'covered'), outcome('R2', 'inconclusive', { coverageReason: 'answered with authentication errors', inconclusive: { authentication: 3 } })];
    const verdict = decideVerdict([], computeCoverage(rules), false);
    expect(verdict.verdict).toBe('inconclusive');
    expect(verdict.reason).toContain('R2 (answered with authentication errors)');
    expect(decideVerdict([], computeCoverage(rules, 50), false).verdict).toBe('passed');
    expect(totalInconclusive(rules)).toEqual({ authentication: 3 });
  });

  it('counts every finding of a kind, kept whole or not', () => {
    const verdict = decideVerdict([{ ...finding('violation'), count: 1234 }, { ...finding('drift'), count: 5 }], computeCoverage([outcome('R1', 'covered')]), true);
    expect(verdict.reason).toMatch(/^1239 findings of severity violation or drift/);
  });

  it('fails on a violation whatever the coverage, on drift only when strict; an interruption wins over coverage', () => {
    const coverage = computeCoverage([outcome('R1', 'inconclusive')]);
    expect(decideVerdict([finding('violation')], coverage, false).verdict).toBe('failed');
    expect(decideVerdict([finding('drift')], computeCoverage([outcome('R1', 'covered')]), true).verdict).toBe('failed');
    expect(decideVerdict([finding('drift')], computeCoverage([outcome('R1', 'covered')]), false).verdict).toBe('passed');
    expect(decideVerdict([], coverage, false, 'interrupted (Ctrl-C)').verdict).toBe('interrupted');
  });
});
