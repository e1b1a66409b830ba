import { hourlyGeneration } from '../../generators/context.ts';
import { createCaseGenerators } from '../../generators/request-case.ts';
import type { Target } from '../adapters/index.ts';
import { editionsOf, type ApiId } from '../contract/apis.ts';
import { createRequestJudge } from '../contract/judge.ts';
import { loadContract, type Contract } from '../contract/load.ts';
import type { Rule } from '../contract/rule.ts';
import { UsageError } from '../errors/index.ts';
import { systemClock, type Clock } from '../keywords/clock.ts';
import type { Redact } from '../runner/record.ts';
import { forEachConcurrently } from '../runner/transport.ts';
import { closestEdition, probedBounds, scoreEditions, type ProbedBound } from './bounds.ts';
import { probeLimit, type LimitProbeContext } from './probe-limit.ts';
import type { BoundResult, ProbeResult } from './probe-result.ts';
import { probeValueSet, type ValueSetProbeContext } from './probe-value-set.ts';
import { createSession, type SessionLimits } from './session.ts';
import { isValueSetRule, type ValueSetKind } from './value-sets.ts';

/** Options of {@link probeApi}. */
export interface ProbeOptions extends SessionLimits {
  readonly api: ApiId;
  readonly target: Target;
  /** Seeds the requests drawn: the same seed sends the same documents all hour. */
  readonly seed: number;
  /** Only these rules (ids). @default every range, length, count, listed-values, presence and character rule */
  readonly rules?: readonly string[];
  /** Requests per value or size when answers say nothing about the rule (each on another request). @default 3 */
  readonly attempts?: number;
  /** Rules probed at once. @default 2 */
  readonly concurrency?: number;
  readonly clock?: Clock;
  /** Removes secrets from what goes into the result. */
  readonly redact?: Redact;
  /** The command that probes the same way again, for the reports. */
  readonly rerun?: string;
  /** Called as each rule is probed, for progress display. */
  readonly onBound?: (bound: BoundResult, done: number, total: number) => void;
}

/** One rule to probe: a bound to search, or a set of values to try. */
type ProbedRule = { readonly limit: ProbedBound } | { readonly values: Rule & { kind: ValueSetKind } };

function ruleOf(probed: ProbedRule): Rule {
  return 'limit' in probed ? probed.limit.rule : probed.values;
}

/** The rules to probe, in contract order: every probeable one, or the ones named (an unknown name is a usage error). */
function chosenRules(contract: Contract, names: readonly string[] | undefined, clock: Clock): ProbedRule[] {
  const limits = new Map(probedBounds(contract, clock).map((b) => [b.rule.id, b]));
  const all = contract.rules.flatMap((rule): ProbedRule[] => {
    const limit = limits.get(rule.id);
    if (limit) return [{ limit }];
    return isValueSetRule(rule) ? [{ values: rule }] : [];
  });
  if (!names) return all;
  const unknown = names.filter((id) => !all.some((p) => ruleOf(p).id === id));
  if (unknown.length > 0) throw new UsageError(`probe: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a rule probe can try on ${contract.id}; these are: ${all.map((p) => ruleOf(p).id).join(', ')}`);
  return all.filter((p) => names.includes(ruleOf(p).id));
}

/** The top-level parameters another edition of the operation requires that this one has: sent in every probe, so no edition refuses it for their absence. */
function requiredByAnEdition(contract: Contract, editions: readonly Contract[]): string[] {
  const pointers = editions.flatMap((e) => e.rules.filter((r) => r.kind === 'required' && /^\/[^/]+$/.test(r.pointer)).map((r) => r.pointer));
  return [...new Set(pointers)].filter((pointer) => contract.requestSchema.properties?.[pointer.slice(1)] !== undefined);
}

/** Why the probe stopped sending before every rule was probed, if it did. */
function stoppedWords(options: ProbeOptions, session: ReturnType<typeof createSession>): string | undefined {
  if (options.signal?.aborted) return 'interrupted (Ctrl-C) before every rule was probed';
  const stop = session.guard.stopped();
  if (stop) return stop.words;
  return options.budget !== undefined && session.spent.requests >= options.budget ? `the request budget (${options.budget}) was spent` : undefined;
}

/**
 * Infers, rule by rule, what an endpoint really enforces: the bound of every range, length and count
 * rule (see `searchBound`), and which values of every listed-values, presence and character rule it
 * accepts, each request a minimal valid one bound to the target's fixtures, whatever it creates deleted
 * before the next. Then scores every edition of the operation by how many rules' answers its documents
 * predict, and names the closest.
 */
export async function probeApi(options: ProbeOptions): Promise<ProbeResult> {
  const startedAt = new Date();
  const contract = loadContract(options.api);
  const editions = editionsOf(options.api).map((api) => loadContract(api));
  const clock = options.clock ?? systemClock;
  const chosen = chosenRules(contract, options.rules, clock);
  const generators = createCaseGenerators(contract, options.clock ? { clock } : hourlyGeneration());
  const include = requiredByAnEdition(contract, editions);
  const attempts = options.attempts ?? 3;
  const judges = new Map(editions.map((e) => [e.id, createRequestJudge(e, { clock })] as const));
  const session = createSession(contract, options.target, clock, options, options.redact ?? ((text) => text));
  const limitContext: LimitProbeContext = { generators, seed: options.seed, attempts, include, editions, otherJudges: [...judges].filter(([api]) => api !== contract.id).map(([, judge]) => judge) };
  const required = new Set([...include, ...contract.rules.filter((r) => r.kind === 'required' && /^\/[^/]+$/.test(r.pointer)).map((r) => r.pointer)].map((p) => p.slice(1)));
  const valueContext: ValueSetProbeContext = { generators, seed: options.seed, attempts, required, editions, judges };
  const results = new Map<ProbedRule, BoundResult>();
  await forEachConcurrently(chosen, options.concurrency ?? 2, async (probed) => {
    const result = 'limit' in probed ? await probeLimit(session, limitContext, probed.limit) : await probeValueSet(session, valueContext, probed.values);
    results.set(probed, result);
    options.onBound?.(result, results.size, chosen.length);
  });
  const bounds = chosen.map((p) => results.get(p) as BoundResult);
  const scores = scoreEditions(editions, bounds);
  const stopped = stoppedWords(options, session);
  return {
    api: options.api,
    target: options.target.config.endpoint,
    seed: options.seed,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    bounds,
    editions: scores,
    closest: closestEdition(scores),
    requests: session.spent.requests,
    cleanupCalls: session.spent.cleanupCalls,
    leftBehind: session.leftBehind,
    ...(stopped ? { stopped } : {}),
    rerun: options.rerun ?? `migration-conformance probe --api ${options.api} --seed ${options.seed}`,
  };
}
