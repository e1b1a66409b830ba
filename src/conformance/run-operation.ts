import { addFindingCounts, countFindings, defaultKeptPerKind, keptPerKind } from '../checks/finding-log.ts';
import type { ApiId } from '../contract/apis.ts';
import { loadContract } from '../contract/load.ts';
import { redactText } from '../protocols/redact.ts';
import { wireFamily } from '../runner/plan.ts';
import { runApi, type ApiRunOutput } from '../runner/run-api.ts';
import { ShardDealer, wholeRun } from '../runner/shard.ts';
import type { RunOptions } from '../runner/run-options.ts';
import type { Target } from '../runner/target.ts';
import { runStatefulChecks, statefulFamilies } from '../stateful/index.ts';

/**
 * The families of one operation, each a test of the run (so `-t` selects them): random valid
 * requests, one per rule, per wire-level rule, per stateful rule, and the call sequences.
 */
export function familiesOf(api: ApiId): string[] {
  const contract = loadContract(api);
  return ['(valid)', ...contract.rules.map((r) => r.id), ...contract.wireRules.rules.map((w) => wireFamily(w.id)), ...statefulFamilies(api)];
}

/** What one operation's run needs besides the run's options: its target, the families selected, how to stop and report progress. */
export interface OperationRun {
  readonly api: ApiId;
  readonly target: Target;
  /** Families to run (vitest's `-t` selection). */
  readonly families: ReadonlySet<string>;
  readonly signal: AbortSignal;
  readonly onCase?: (done: number, total: number, findings: number) => void;
}

/**
 * One operation's conformance run, in order: the single cases (valid, boundary, violation, probe and
 * wire-level ones) against the target, then the stateful checks, which decide themselves what the
 * mode and the fixtures let them test. One output: findings, an outcome per family, cases sent.
 */
export async function runOperation(run: OperationRun, options: RunOptions): Promise<ApiRunOutput> {
  const redact = (text: string) => redactText(text, options.secrets);
  // One dealer per API: it deals the single cases' chunks, then the stateful work, each family's round the shards.
  const dealer = new ShardDealer(options.shard ?? wholeRun);
  const single = await runApi({
    dealer,
    api: run.api,
    target: run.target,
    seed: options.seed,
    rules: run.families,
    ...(options.plan ? { plan: options.plan } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.rate ? { rate: options.rate } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.budget !== undefined ? { budget: options.budget } : {}),
    ...(options.deadline !== undefined ? { deadline: options.deadline } : {}),
    ...(options.keptPerKind !== undefined ? { keptPerKind: options.keptPerKind } : {}),
    allowCreate: options.allowCreate,
    signal: run.signal,
    redact,
    ...(run.onCase ? { onCase: run.onCase } : {}),
  });
  const stateful = new Set([...run.families].filter((f) => statefulFamilies(run.api).includes(f)));
  if (stateful.size === 0) return single;
  const checks = await runStatefulChecks({
    api: run.api,
    target: run.target,
    seed: options.seed,
    allowCreate: options.allowCreate,
    redact,
    signal: run.signal,
    families: stateful,
    dealer,
    ...(options.budget !== undefined ? { budget: options.budget } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  return {
    ...single,
    findings: [...single.findings, ...keptPerKind(checks.findings, options.keptPerKind ?? defaultKeptPerKind)],
    findingCounts: addFindingCounts(single.findingCounts, countFindings(checks.findings)),
    outcomes: [...single.outcomes, ...checks.outcomes],
    casesSent: single.casesSent + checks.calls,
  };
}
