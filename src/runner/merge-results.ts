import { addFindingCounts, keptPerKind } from '../checks/finding-log.ts';
import type { RuleOutcome, RunResult } from './run-result.ts';
import { computeCoverage, decideVerdict, totalInconclusive } from './verdict.ts';

/** Merges the results of shards of one run (same seed) into one result, as if one machine had run it all. */
export function mergeResults(results: readonly RunResult[]): RunResult {
  const [first] = results;
  if (!first) throw new Error('mergeResults: nothing to merge');
  const seeds = new Set(results.map((r) => r.seed));
  if (seeds.size > 1) throw new Error(`mergeResults: the reports come from runs with different seeds (${[...seeds].join(', ')})`);
  const strict = results.some((r) => r.strict);
  // Each shard kept the first few findings of each kind; the merged report keeps as many, and counts them all.
  const findingCounts = addFindingCounts(...results.map((r) => r.findingCounts));
  const findings = keptPerKind(results.flatMap((r) => r.findings), first.keptPerKind);
  // A family whose chunks went to several shards adds up their counts.
  const rules = new Map<string, RuleOutcome>();
  for (const outcome of results.flatMap((r) => r.rules)) {
    const key = `${outcome.api}\u0000${outcome.rule}`;
    const known = rules.get(key);
    rules.set(key, known ? mergeOutcomes(known, outcome) : outcome);
  }
  const merged = [...rules.values()];
  const coverage = computeCoverage(merged, Math.max(...results.map((r) => r.coverage.minimum)));
  const interrupted = results.find((r) => r.verdict === 'interrupted')?.reason;
  const { verdict, reason } = decideVerdict(findingCounts, coverage, strict, interrupted);
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
    findingCounts,
    keptPerKind: first.keptPerKind,
    rules: merged,
    // Every shard's command without its --shard: the run the shards make up.
    rerun: first.rerun.replace(/ --shard \S+/, ''),
  };
}

/** The coverage two shares of one family reach together: covered if either covered it, else the most telling of the two. */
const coverageRank = { covered: 0, inconclusive: 1, 'not-covered': 2, 'not-testable': 3 } as const;

function addCounts<K extends string>(a: Readonly<Partial<Record<K, number>>>, b: Readonly<Partial<Record<K, number>>>): Partial<Record<K, number>> {
  const sum: Partial<Record<K, number>> = { ...a };
  for (const [key, n] of Object.entries(b) as [K, number][]) sum[key] = (sum[key] ?? 0) + n;
  return sum;
}

/** One family's outcome from two shards' shares of its cases: counts added, checks and readings combined. */
export function mergeOutcomes(a: RuleOutcome, b: RuleOutcome): RuleOutcome {
  // Coverage comes from the shards that decide the family; counts from every shard.
  const better = a.countsOnly ? b : b.countsOnly ? a : coverageRank[b.coverage] < coverageRank[a.coverage] ? b : a;
  const checks: Record<string, 'passed' | 'failed' | 'info'> = { ...a.checks };
  for (const [check, state] of Object.entries(b.checks)) {
    const before = checks[check];
    checks[check] = before === 'failed' || state === 'failed' ? 'failed' : before === 'info' || state === 'info' ? 'info' : 'passed';
  }
  const readings = new Map((a.readings ?? []).map((r) => [r.contradiction, r]));
  for (const r of b.readings ?? []) {
    const seen = readings.get(r.contradiction);
    readings.set(r.contradiction, seen ? { contradiction: r.contradiction, consistent: seen.consistent.filter((x) => r.consistent.includes(x)), probes: seen.probes + r.probes } : r);
  }
  const { coverageReason: _dropped, countsOnly: _counts, ...rest } = a;
  return {
    ...rest,
    ...(a.countsOnly && b.countsOnly ? { countsOnly: true as const } : {}),
    cases: a.cases + b.cases,
    conclusive: a.conclusive + b.conclusive,
    inconclusive: addCounts(a.inconclusive, b.inconclusive),
    coverage: better.coverage,
    ...(better.coverageReason ? { coverageReason: better.coverageReason } : {}),
    findings: { violation: a.findings.violation + b.findings.violation, drift: a.findings.drift + b.findings.drift, info: a.findings.info + b.findings.info },
    checks,
    ...(readings.size > 0 ? { readings: [...readings.values()] } : {}),
  };
}
