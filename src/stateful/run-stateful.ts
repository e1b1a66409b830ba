import type { Finding } from '../checks/finding.ts';
import type { ApiId } from '../contract/apis.ts';
import { loadContract } from '../contract/load.ts';
import { systemClock, type Clock } from '../keywords/clock.ts';
import type { Redact } from '../runner/record.ts';
import type { RuleOutcome } from '../runner/run-result.ts';
import { createSender } from '../runner/send-case.ts';
import { isLoopback, type Target } from '../runner/target.ts';
import { createContext, skipHalted } from './context.ts';
import { familyOf, sequencesFamily, statefulFamiliesOf, StatefulLedger } from './ledger.ts';
import { hasDcsReferences, runDcsReferences } from './run-dcs-references.ts';
import { runSequences } from './run-sequences.ts';
import { Scenario, smcScenarios } from './smc-scenarios.ts';
import { ShardDealer, wholeRun } from '../runner/shard.ts';

/** Options of {@link runStatefulChecks}. */
export interface StatefulCheckOptions {
  readonly api: ApiId;
  readonly target: Target;
  readonly seed: number;
  /** Create resources on an endpoint outside loopback. @default false */
  readonly allowCreate?: boolean;
  /** The stateful families to run (`(stateful) job-quota`, `(stateful) sequences`…). @default every one */
  readonly families?: ReadonlySet<string>;
  /** SMC: random call sequences per chunk (chunks are what shards share). @default 10 */
  readonly runs?: number;
  /** SMC: chunks of random call sequences. @default 10, and one more per 2,000 cases of `budget` */
  readonly chunks?: number;
  /** The run's budget of cases per API: a deep run tries more call sequences. */
  readonly budget?: number;
  /** Deals the families (and chunks of call sequences) to the shards, after the single cases. @default every one here */
  readonly dealer?: ShardDealer;
  /** SMC: calls per random sequence at most. @default 12 */
  readonly maxCommands?: number;
  /** DCS: random mixes of known and unknown references. @default 30 */
  readonly calls?: number;
  readonly timeoutMs?: number;
  readonly clock?: Clock;
  /** Removes secrets from what goes into findings. */
  readonly redact?: Redact;
  /** Stops starting calls; what was created is still deleted. */
  readonly signal?: AbortSignal;
}

/** What the stateful checks of one API produced: findings, one outcome per stateful family, calls sent. */
export interface StatefulChecksOutput {
  readonly findings: Finding[];
  readonly outcomes: RuleOutcome[];
  readonly calls: number;
}

/**
 * The stateful work this shard holds, dealt after the single cases: each directed scenario whole,
 * the call sequences by chunks (each with a seed of its own, so any shards run the same sequences),
 * the DCS reference checks whole.
 */
function dealStateful(contract: ReturnType<typeof loadContract>, selected: readonly string[], options: StatefulCheckOptions): { families: string[]; sequenceChunks: number[] } {
  const dealer = options.dealer ?? new ShardDealer(wholeRun);
  if (hasDcsReferences(contract)) return { families: selected.length > 0 && dealer.holds('(stateful) references') ? [...selected] : [], sequenceChunks: [] };
  const directed = selected.filter((f) => f !== sequencesFamily && dealer.holds(f));
  const chunkCount = options.chunks ?? 10 + Math.floor((options.budget ?? 0) / 2000);
  const sequenceChunks = selected.includes(sequencesFamily) ? Array.from({ length: chunkCount }, (_, i) => i).filter(() => dealer.holds(sequencesFamily)) : [];
  return { families: [...directed, ...(sequenceChunks.length > 0 ? [sequencesFamily] : [])], sequenceChunks };
}

/** Every stateful family of an API: one per stateful rule of its contract, and `(stateful) sequences` (SMC). */
export function statefulFamilies(api: ApiId): string[] {
  return statefulFamiliesOf(loadContract(api));
}

/**
 * The stateful checks of one API, both vendors. SMC: a directed, deterministic scenario per stateful
 * rule (the state it needs, then the call the rule decides), then random model-based call sequences.
 * DCS: creates whose references each name a fixture or nothing, and one to an unknown project.
 *
 * Each stateful rule is a family `(stateful) <rule id>` (kind `stateful`), plus `(stateful) sequences`:
 * - `covered`: a call answered conclusively about the rule: the rule's documented code (or, where the
 *   docs give none, a validation refusal), or success for a call the rule allows;
 * - `inconclusive`: calls were sent, but every answer came from another layer (authentication,
 *   throttling, gateway, a 5xx, no answer) or carried a code the catalogues cannot place; counted by reason;
 * - `not-testable`: the mode (no-create, `cleanup: "none"`) or the fixtures cannot test it, said in words with the numbers;
 * - `not-covered`: no call was sent for it.
 */
export async function runStatefulChecks(options: StatefulCheckOptions): Promise<StatefulChecksOutput> {
  const contract = loadContract(options.api);
  const selected = statefulFamiliesOf(contract).filter((f) => !options.families || options.families.has(f));
  const { families, sequenceChunks } = dealStateful(contract, selected, options);
  // Call sequences touch every rule: where this shard runs some, it counts their calls for every family selected.
  const ledger = new StatefulLedger(options.api, sequenceChunks.length > 0 ? selected : families, new Set(families));
  const done = (calls: number): StatefulChecksOutput => ({ findings: ledger.findings, outcomes: ledger.outcomes(), calls });
  if (families.length === 0) return done(0);

  // Every stateful call may create a resource, and each needs deleting before the next state is built.
  const mayCreate = options.allowCreate === true || isLoopback(options.target.config.endpoint);
  if (!mayCreate || options.target.config.cleanup === 'none') {
    const why = !mayCreate ? 'call sequences create resources: no-create mode (--allow-create to test them)' : 'call sequences need a target whose created resources can be deleted (cleanup "api"); this one has cleanup "none"';
    for (const family of families) ledger.notTestable(family, why);
    return done(0);
  }

  const context = createContext({
    api: options.api,
    contract,
    target: options.target,
    seed: options.seed,
    clock: options.clock ?? systemClock,
    redact: options.redact ?? ((text: string) => text),
    ledger,
    ...(options.signal ? { signal: options.signal } : {}),
    sender: createSender(contract, { ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) }),
  });

  if (hasDcsReferences(contract)) {
    await runDcsReferences(context, { ...(options.calls !== undefined ? { calls: options.calls } : {}) });
    return done(context.calls());
  }

  // Directed scenarios first: each rule's state is built on purpose, not left to chance.
  const plans = smcScenarios(context);
  for (const rule of contract.document.stateful.map((s) => s.id)) {
    const family = familyOf(rule);
    if (!families.includes(family)) continue;
    const plan = plans.get(rule);
    if (!plan) {
      ledger.notCovered(family, 'no directed scenario builds the state this rule needs');
      continue;
    }
    if ('notTestable' in plan) {
      ledger.notTestable(family, plan.notTestable);
      continue;
    }
    const halted = context.halted();
    if (halted) {
      skipHalted(context, family, halted);
      continue;
    }
    const scenario = new Scenario(context, rule);
    try {
      await plan.run(scenario);
    } finally {
      await scenario.finish();
    }
  }

  if (sequenceChunks.length > 0) {
    const halted = context.halted();
    if (halted) skipHalted(context, sequencesFamily, halted);
    else await runSequences(context, { chunks: sequenceChunks, ...(options.runs !== undefined ? { runs: options.runs } : {}), ...(options.maxCommands !== undefined ? { maxCommands: options.maxCommands } : {}) });
  }
  return done(context.calls());
}
