import { hourlyGeneration } from '../../generators/context.ts';
import { createCaseGenerators, type CaseGenerators, type RequestCase } from '../../generators/request-case.ts';
import type { FindingDraft } from '../checks/check.ts';
import type { Finding } from '../checks/finding.ts';
import { FindingLog, type FindingCount } from '../checks/finding-log.ts';
import type { InconclusiveReason } from '../checks/outcome.ts';
import type { ApiId } from '../contract/apis.ts';
import { loadContract, type Contract } from '../contract/load.ts';
import { systemClock, type Clock } from '../keywords/clock.ts';
import { adapterOf, editsReference, type Binder } from '../adapters/index.ts';
import { casePointers, checkCase, responseValidators, type ResponseValidators } from './check-case.ts';
import { cleanupFinding, createCleaner } from './cleanup.ts';
import { familyCounts, planFamilies, plannedSize, sizePlan, wireFamily, type FamilyCases, type FamilyCounts, type PlannedCase, type PlanSizing, type CasePlan } from './plan.ts';
import { chunksOf, ShardDealer, wholeRun, type Shard } from './shard.ts';
import { recordCurl, recordRequest, recordResponse, type Redact } from './record.ts';
import type { RuleOutcome } from './run-result.ts';
import { createDocumentSender, createSender, type Answered } from './send-case.ts';
import { shrinkRequest } from './shrink.ts';
import { createStopGuard } from './stop-guard.ts';
import { FamilyTally } from './tally.ts';
import { isLoopback, type Target } from './target.ts';
import { toBrokenWire, type WireMutation } from './wire.ts';
import type { WireRequest } from '../protocols/wire-request.ts';
import { createRateLimiter, forEachConcurrently } from './transport.ts';

export type { CasePlan, PlannedCase } from './plan.ts';

/** Options of one API's run. */
export interface ApiRunOptions {
  readonly api: ApiId;
  readonly target: Target;
  readonly seed: number;
  readonly plan?: Partial<CasePlan>;
  /** Only these families (rule ids; `(valid)` the random valid requests). @default every one */
  readonly rules?: ReadonlySet<string>;
  readonly concurrency?: number;
  /** Requests per second at most. @default unlimited */
  readonly rate?: number;
  readonly timeoutMs?: number;
  /**
   * The number of cases to plan (see `sizePlan`): above the default plan it grows, below it each
   * family keeps its first cases. @default the plan as given
   */
  readonly budget?: number;
  /** This machine's share of the cases, dealt by chunks of families. @default every case */
  readonly shard?: Shard;
  /** Deals this API's chunks to shards; the stateful checks that follow deal theirs with the same one. @default a dealer of `shard` */
  readonly dealer?: ShardDealer;
  /** Epoch milliseconds after which no case starts. */
  readonly deadline?: number;
  /** Send cases that may create resources to an endpoint outside loopback. @default false */
  readonly allowCreate?: boolean;
  readonly clock?: Clock;
  /** Removes secrets from what goes into findings. */
  readonly redact?: Redact;
  readonly signal?: AbortSignal;
  /** Send these cases instead of planning them (replay). */
  readonly cases?: readonly RequestCase[];
  /** Failing cases shrunk per API, and requests each shrink may send. @default { cases: 10, requests: 40 } */
  readonly shrink?: { readonly cases: number; readonly requests: number };
  /** Consecutive throttled answers (after retries), or cases with no answer, after which the run stops sending to the target. @default 8 */
  readonly stopAfter?: number;
  /** Called after every case, for progress display. */
  readonly onCase?: (done: number, total: number, findings: number) => void;
  /** Findings kept whole per kind (API, rule, check, code, severity); every one is counted. @default 10 */
  readonly keptPerKind?: number;
}

/** What one API's run produced. */
export interface ApiRunOutput {
  readonly api: ApiId;
  /** The findings kept whole: the first few of each kind (every resource left behind). */
  readonly findings: Finding[];
  /** Every finding, counted by kind. */
  readonly findingCounts: FindingCount[];
  readonly outcomes: RuleOutcome[];
  readonly casesSent: number;
  readonly interrupted: boolean;
  /** Why the run stopped sending before its plan was done (throttling, no answers), if it did. */
  readonly stopped?: string;
}

/**
 * The cases of a replay, in families decided as a planned run decides them: by violations, else probes,
 * else valid cases. A case of a wire-level rule is sent broken the way its rule says.
 */
function replayFamilies(contract: Contract, cases: readonly RequestCase[]): FamilyCases[] {
  const mutationOf = (rule: string | undefined) => contract.wireRules.rules.find((w) => wireFamily(w.id) === rule)?.mutation;
  const planned = cases.map((c, index): PlannedCase => {
    const wire = mutationOf(c.rule);
    return { id: `${contract.id}#${index + 1}`, case: c, family: c.rule ?? '(valid)', idempotencyProbe: false, ...(wire ? { wire } : {}) };
  });
  const order: RequestCase['kind'][] = ['violation', 'probe', 'valid'];
  return [...new Set(planned.map((p) => p.family))].map((family): FamilyCases => {
    const own = planned.filter((p) => p.family === family);
    const kinds = new Set(own.map((p) => p.case.kind));
    const deciding = order.find((kind) => kinds.has(kind));
    return { family: { family, kind: family === '(valid)' ? 'valid' : family.startsWith('(wire)') ? 'wire' : 'rule', ...(deciding ? { deciding } : {}) }, cases: own };
  });
}

/**
 * This shard's cases of a plan, family by family as the plan makes them: each family cut into chunks
 * dealt to the shards, the families this shard holds a chunk of declared to the tally first.
 */
function* shareOf(families: Iterable<FamilyCases>, dealer: ShardDealer, tally: FamilyTally): Generator<PlannedCase> {
  for (const { family, cases } of families) {
    const held = chunksOf(cases, family.deciding).filter(() => dealer.holds(family.family));
    if (held.length === 0) continue;
    tally.declare(family);
    for (const chunk of held) yield* chunk;
  }
}

/** The finding of one check's draft about one sent case. */
function findingOf(api: string, seed: number, redact: Redact, item: PlannedCase, document: Readonly<Record<string, unknown>>, first: Answered, check: string, draft: FindingDraft): Finding {
  const response = recordResponse(first.exchange, redact);
  return {
    check,
    ...draft,
    api,
    ...(item.case.rule ? { rule: item.case.rule } : {}),
    caseId: item.id,
    request: recordRequest(first.exchange.request, redact),
    ...(response ? { response } : {}),
    curl: recordCurl(first.exchange.request, redact),
    seed,
    case: {
      kind: item.case.kind,
      label: item.case.label,
      ...(item.case.pointer ? { pointer: item.case.pointer } : {}),
      expected: item.case.expected,
      document: JSON.parse(redact(JSON.stringify(document))) as Record<string, unknown>,
    },
  };
}

/** What a case needs to be sent and checked against one target. */
interface CaseRunner {
  readonly contract: Contract;
  /** The contract's case generators, built on first use (a replay without shrinking needs none). */
  readonly generators: () => CaseGenerators;
  readonly validators: ResponseValidators;
  readonly binder: Binder;
  readonly sendDocument: (document: Readonly<Record<string, unknown>>) => Promise<Answered>;
  readonly sendWire: (build: () => WireRequest) => Promise<Answered>;
  readonly target: Target;
  readonly clock: Clock;
  readonly cleanUp: ReturnType<typeof createCleaner>;
}

/** Binds, sends, cleans up after and checks one case; undefined with a reason when it could not be sent. */
async function runOneCase(runner: CaseRunner, c: RequestCase, idempotencyProbe: boolean) {
  const bound = await runner.binder.bind(c);
  if ('skipped' in bound) return { skipped: bound.skipped } as const;
  const first = await runner.sendDocument(bound.request);
  const repeat = idempotencyProbe && first.answer.class === 'success' ? await runner.sendDocument(bound.request) : undefined;
  const cleanup = await runner.cleanUp(bound.request, repeat ? [first, repeat] : [first]);
  // No answer to a request that may create: whatever it created cannot be found to delete, so its fixture is not used again.
  const unanswered = first.answer.class === 'transport' && c.kind !== 'violation';
  bound.done({ created: cleanup.created || unanswered, kept: cleanup.kept || unanswered });
  const checked = checkCase(runner.contract, runner.validators, c, { editsFixtureReference: editsReference(runner.binder, c) }, first, repeat);
  return { bound, first, cleanup, checked } as const;
}

/** Sends a wire-level case (the protocol broken as `mutation` says), cleans up if it was accepted, and checks it. */
async function runWireCase(runner: CaseRunner, c: RequestCase, mutation: WireMutation) {
  const document = adapterOf(runner.target).preflightDocument(runner.target);
  const first = await runner.sendWire(() => toBrokenWire(runner.contract, runner.target, mutation, document, runner.clock.now()));
  const cleanup = await runner.cleanUp(document, [first]);
  const checked = checkCase(runner.contract, runner.validators, c, { editsFixtureReference: false, breaksProtocol: true }, first);
  return { bound: { request: document }, first, cleanup, checked } as const;
}

/**
 * Runs one API's cases against its target: plan, then for each case bind, send, classify, check and
 * tally; then shrink the failing cases to minimal reproductions.
 */
export async function runApi(options: ApiRunOptions): Promise<ApiRunOutput> {
  const contract = loadContract(options.api);
  const clock = options.clock ?? systemClock;
  const redact = options.redact ?? ((text: string) => text);
  // The same seed gives the same request documents all hour (only signatures and nonces change).
  let built: CaseGenerators | undefined;
  const generators = () => (built ??= createCaseGenerators(contract, options.clock ? { clock } : hourlyGeneration()));
  const counts = options.cases ? undefined : familyCounts(generators(), options.rules);
  const sizing = counts ? sizePlan(options.budget, counts, options.plan) : undefined;
  const families: Iterable<FamilyCases> = options.cases ? replayFamilies(contract, options.cases) : planFamilies(options.api, generators(), options.seed, sizing as PlanSizing, options.rules);
  const shard = options.shard ?? wholeRun;
  // For progress only: the cases this shard is expected to send.
  const expected = options.cases ? options.cases.length : Math.ceil((sizing?.fillTo ?? plannedSize((sizing as PlanSizing).plan, counts as FamilyCounts)) / shard.count);
  const transport = { ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), beforeAttempt: createRateLimiter(options.rate) };
  const runner: CaseRunner = {
    contract,
    generators,
    validators: responseValidators(contract),
    binder: adapterOf(options.target).createBinder(options.target),
    sendDocument: createDocumentSender(contract, options.target, clock, transport),
    sendWire: createSender(contract, transport),
    cleanUp: createCleaner(contract, options.target, clock, createSender(contract, transport)),
    target: options.target,
    clock,
  };
  const tally = new FamilyTally(options.api, []);
  const mayCreate = options.allowCreate === true || isLoopback(options.target.config.endpoint);
  const guard = createStopGuard(options.target.config.endpoint, options.stopAfter ?? 8);
  const log = new FindingLog(options.keptPerKind);
  const failing = new Map<string, { item: PlannedCase; check: string; code: string }>();
  let sent = 0;
  let done = 0;
  let interrupted = false;

  /** Why a case is not sent now, if it is not. The signal stops new cases only: one in flight is awaited, or what it creates could not be deleted. */
  const notNow = (item: PlannedCase): InconclusiveReason | undefined => {
    if (options.signal?.aborted || (options.deadline !== undefined && Date.now() > options.deadline)) return (interrupted = true), 'interrupted';
    const stop = guard.stopped();
    if (stop) return stop.reason;
    if (item.case.kind !== 'violation' && !mayCreate) return 'creating-not-allowed';
    return undefined;
  };

  const runCase = async (item: PlannedCase): Promise<void> => {
    const reason = notNow(item);
    if (reason) return tally.skipped(item.family, item.case, reason);
    sent += 1;
    const result = item.wire ? await runWireCase(runner, item.case, item.wire) : await runOneCase(runner, item.case, item.idempotencyProbe);
    if ('skipped' in result) {
      sent -= 1;
      return tally.skipped(item.family, item.case, 'fixtures-exhausted');
    }
    const { bound, first, cleanup, checked } = result;
    guard.note(first.answer);
    if (cleanup.leftBehind.length > 0) log.keep(cleanupFinding(options.api, item.id, options.seed, redact, cleanup.leftBehind, options.target));
    tally.sent(item.family, item.case, checked.outcome, checked.results);
    for (const { check, drafts } of checked.results) {
      for (const draft of drafts) {
        const kind = { api: options.api, ...(item.case.rule ? { rule: item.case.rule } : {}), check, code: draft.code, severity: draft.severity };
        log.record(kind, () => findingOf(options.api, options.seed, redact, item, bound.request, first, check, draft));
        // Only the first failing case of each family, check and code is shrunk: the rest need not be kept.
        const key = `${item.family}|${check}|${draft.code}`;
        if (draft.severity === 'violation' && !failing.has(key)) failing.set(key, { item, check, code: draft.code });
      }
    }
    done += 1;
    options.onCase?.(done, Math.max(expected, done), log.total);
  };

  await forEachConcurrently(shareOf(families, options.dealer ?? new ShardDealer(shard), tally), options.concurrency ?? 4, runCase);
  const findings = log.kept;
  if (!interrupted && !options.cases) await shrinkFailures(runner, options, [...failing.values()], findings, redact);
  const stop = guard.stopped();
  return { api: options.api, findings, findingCounts: log.counts(), outcomes: tally.outcomes(), casesSent: sent, interrupted, ...(stop ? { stopped: stop.words } : {}) };
}

/**
 * Shrinks the first failing case of each rule, check and code to the smallest request that still
 * fails the same check the same way, within a request budget per case; the findings get it.
 */
async function shrinkFailures(runner: CaseRunner, options: ApiRunOptions, failing: readonly { item: PlannedCase; check: string; code: string }[], findings: Finding[], redact: Redact): Promise<void> {
  const limits = options.shrink ?? { cases: 10, requests: 40 };
  const seen = new Set<string>();
  for (const { item, check, code } of failing) {
    const key = `${item.family}|${check}|${code}`;
    // Transport failures and idempotency depend on more than the request's content; a wire-level case is as small as it gets.
    if (seen.size >= limits.cases || seen.has(key) || code === 'transport_failure' || check === 'idempotency' || item.wire || options.signal?.aborted) continue;
    seen.add(key);
    let smallest: Answered | undefined;
    const mode = item.case.kind === 'valid' ? (item.case.rule ? 'boundary' : 'valid') : item.case.kind;
    const result = await shrinkRequest({
      request: item.case.request as Record<string, unknown>,
      schema: runner.contract.requestSchema,
      keep: casePointers(item.case),
      sameCase: (request) => runner.generators().relabel(item.case, mode, request) !== undefined,
      stillFails: async (request) => {
        const relabelled = runner.generators().relabel(item.case, mode, request) as RequestCase;
        const outcome = await runOneCase(runner, relabelled, false);
        if ('skipped' in outcome) return false;
        const fails = outcome.checked.results.some((r) => r.check === check && r.drafts.some((d) => d.code === code));
        if (fails) smallest = outcome.first;
        return fails;
      },
      maxRequests: limits.requests,
    });
    if (!smallest) continue;
    const shrunk = { request: recordRequest(smallest.exchange.request, redact), curl: recordCurl(smallest.exchange.request, redact), requests: result.requests };
    for (const [index, f] of findings.entries()) if (f.caseId === item.id && f.check === check) findings[index] = { ...f, shrunk };
  }
}
