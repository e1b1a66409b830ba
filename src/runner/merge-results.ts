import { isFailing } from './assemble-result.ts';
import type { RuleOutcome, RunResult } from './run-result.ts';

/** Merges the results of shards of one run (same seed) into one result, as if one machine had run it all. */
export function mergeResults(results: readonly RunResult[]): RunResult {
  const [first] = results;
  if (!first) throw new Error('mergeResults: nothing to merge');
  const seeds = new Set(results.map((r) => r.seed));
  if (seeds.size > 1) throw new Error(`mergeResults: the reports come from runs with different seeds (${[...seeds].join(', ')})`);
  const strict = results.some((r) => r.strict);
  const findings = results.flatMap((r) => r.findings);
  const rules = new Map<string, RuleOutcome>();
  for (const outcome of results.flatMap((r) => r.rules)) {
    const key = `${outcome.api}\u0000${outcome.rule}`;
    const known = rules.get(key);
    if (!known || known.cases === 0) rules.set(key, outcome);
  }
  const failing = findings.filter((f) => isFailing(f, strict)).length;
  const interrupted = results.find((r) => r.verdict === 'interrupted');
  const verdict = failing > 0 ? 'failed' : interrupted ? 'interrupted' : 'passed';
  return {
    verdict,
    reason: verdict === 'failed' ? `${failing} finding${failing === 1 ? '' : 's'} of severity ${strict ? 'violation or drift (--strict)' : 'violation'}` : verdict === 'interrupted' ? (interrupted?.reason ?? 'interrupted') : 'no finding of severity violation in any shard',
    seed: first.seed,
    strict,
    startedAt: results.map((r) => r.startedAt).sort()[0] ?? first.startedAt,
    durationMs: Math.max(...results.map((r) => r.durationMs)),
    targets: [...new Map(results.flatMap((r) => r.targets).map((t) => [`${t.api}\u0000${t.endpoint}`, t])).values()],
    casesSent: results.reduce((n, r) => n + r.casesSent, 0),
    findings,
    rules: [...rules.values()],
    rerun: first.rerun,
  };
}
