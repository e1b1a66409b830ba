import { failingTotal, totalOf, type FindingCount } from '../checks/finding-log.ts';
import { inconclusiveReasons, type InconclusiveReason } from '../checks/outcome.ts';
import type { ApiCoverage, Coverage, RuleOutcome, Verdict } from './run-result.ts';

/** How the families of a kind are named in the "not tested" lines. */
const familyWords: Record<RuleOutcome['kind'], string> = { valid: 'valid acceptance', rule: 'rule', stateful: 'stateful rule', wire: 'wire-level rule' };

/** The coverage of a run's families: what was testable, what was tested conclusively, and what could not be tested and why. */
export function computeCoverage(all: readonly RuleOutcome[], minimum = 100): Coverage {
  // A shard's counts for a family another shard decides say nothing of coverage.
  const rules = all.filter((r) => !r.countsOnly);
  const testable = rules.filter((r) => r.coverage !== 'not-testable');
  const covered = testable.filter((r) => r.coverage === 'covered');
  const byApi: ApiCoverage[] = [...new Set(rules.map((r) => r.api))].map((api) => {
    const mine = rules.filter((r) => r.api === api);
    const count = (state: RuleOutcome['coverage']) => mine.filter((r) => r.coverage === state).length;
    return { api, testable: mine.length - count('not-testable'), covered: count('covered'), inconclusive: count('inconclusive'), notCovered: count('not-covered'), notTestable: count('not-testable') };
  });
  // One line per API and reason: "valid acceptance, 12 rules: not testable (…)".
  const notTested = new Map<string, string[]>();
  for (const r of rules.filter((x) => x.coverage === 'not-testable')) {
    const key = `${r.api}: ${r.coverageReason ?? 'not testable in this run'}`;
    notTested.set(key, [...(notTested.get(key) ?? []), r.kind === 'valid' ? familyWords.valid : r.rule]);
  }
  return {
    percent: testable.length === 0 ? 100 : Math.floor((1000 * covered.length) / testable.length) / 10,
    minimum,
    testable: testable.length,
    covered: covered.length,
    byApi,
    uncovered: testable.filter((r) => r.coverage !== 'covered').map((r) => ({ api: r.api, rule: r.rule, state: r.coverage, reason: r.coverageReason ?? '' })),
    notTested: [...notTested].map(([key, names]) => {
      const [api, reason] = key.split(/: (.*)/s) as [string, string];
      const shown = names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', ');
      return `${api}: ${shown} not tested: ${reason}`;
    }),
  };
}

/** Inconclusive answers of all families, by reason. */
export function totalInconclusive(rules: readonly RuleOutcome[]): Partial<Record<InconclusiveReason, number>> {
  const total: Partial<Record<InconclusiveReason, number>> = {};
  for (const reason of inconclusiveReasons) {
    const n = rules.reduce((sum, r) => sum + (r.inconclusive[reason] ?? 0), 0);
    if (n > 0) total[reason] = n;
  }
  return total;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The verdict and its one-line reason. Failing findings fail the run whatever else; an interrupted
 * run is `interrupted`; otherwise it passes only when coverage reaches the minimum.
 */
export function decideVerdict(findings: readonly FindingCount[], coverage: Coverage, strict: boolean, interrupted?: string): { verdict: Verdict; reason: string } {
  const failing = failingTotal(findings, strict);
  const coverageLine = `${coverage.covered} of ${coverage.testable} testable rules tested conclusively (${coverage.percent}%)`;
  if (failing > 0) return { verdict: 'failed', reason: `${plural(failing, 'finding')} of severity ${strict ? 'violation or drift (--strict)' : 'violation'}; ${coverageLine}` };
  if (interrupted) return { verdict: 'interrupted', reason: `${interrupted}; ${coverageLine}` };
  if (coverage.percent < coverage.minimum) {
    const shown = coverage.uncovered.slice(0, 3).map((u) => `${u.rule} (${u.reason})`).join(', ');
    return { verdict: 'inconclusive', reason: `no failing finding, but ${coverageLine}, below the minimum of ${coverage.minimum}%: ${shown}${coverage.uncovered.length > 3 ? ` and ${coverage.uncovered.length - 3} more` : ''}` };
  }
  const drift = totalOf(findings, (f) => f.severity === 'drift');
  const info = totalOf(findings, (f) => f.severity === 'info');
  return { verdict: 'passed', reason: `no finding of severity violation${strict ? ' or drift' : ''} (${drift} drift, ${info} info); ${coverageLine}` };
}
