import fc from 'fast-check';
import { concrete } from '../../generators/pointer.ts';
import { drawCases, createCaseGenerators, type RequestCase } from '../../generators/request-case.ts';
import { hourlyGeneration } from '../../generators/context.ts';
import { adapterOf, type Target } from '../adapters/index.ts';
import { answerAbout } from '../checks/answer.ts';
import { caseOutcome, type InconclusiveReason } from '../checks/outcome.ts';
import { editionsOf, type ApiId } from '../contract/apis.ts';
import { createRequestJudge } from '../contract/judge.ts';
import { loadContract, type Contract } from '../contract/load.ts';
import { UsageError } from '../errors/index.ts';
import { systemClock, type Clock } from '../keywords/clock.ts';
import { createCleaner } from '../runner/cleanup.ts';
import { familySeed } from '../runner/plan.ts';
import { recordCurl, recordRequest, type Redact } from '../runner/record.ts';
import { createDocumentSender, createSender, type Answered } from '../runner/send-case.ts';
import { createStopGuard } from '../runner/stop-guard.ts';
import { createRateLimiter, forEachConcurrently } from '../runner/transport.ts';
import { boundVerdict } from './bound-verdict.ts';
import { closestEdition, editionBounds, probedBounds, readingBounds, scoreEditions, type ProbedBound } from './bounds.ts';
import type { BoundResult, ProbeExchange, ProbeLeftBehind, ProbeResult } from './probe-result.ts';
import { searchBound, type SizeAnswer } from './search.ts';

/** Options of {@link probeApi}. */
export interface ProbeOptions {
  readonly api: ApiId;
  readonly target: Target;
  /** Seeds the requests drawn for each size: the same seed sends the same documents all hour. */
  readonly seed: number;
  /** Only these rules (ids). @default every range, length and count rule of the contract */
  readonly rules?: readonly string[];
  /** Requests of the operation in all, at most. @default unlimited */
  readonly budget?: number;
  /** Requests of the operation per bound, at most. @default 40 */
  readonly perBound?: number;
  /** Requests per size when answers say nothing about the rule (each with another request drawn). @default 3 */
  readonly attempts?: number;
  /** Bounds probed at once. @default 2 */
  readonly concurrency?: number;
  /** Requests per second at most. @default unlimited */
  readonly rate?: number;
  readonly timeoutMs?: number;
  readonly clock?: Clock;
  /** Removes secrets from what goes into the result. */
  readonly redact?: Redact;
  /** Stops new requests (the ones in flight finish and what they created is deleted). */
  readonly signal?: AbortSignal;
  /** Answers in a row that are throttling (after retries) or no answer at all, after which the probe stops sending. @default 8 */
  readonly stopAfter?: number;
  /** The command that probes the same way again, for the reports. */
  readonly rerun?: string;
  /** Called as each bound is placed, for progress display. */
  readonly onBound?: (bound: BoundResult, done: number, total: number) => void;
}

/** What the probe of one bound shares with every other: the target's senders, fixtures, budget and stop guard. */
interface ProbeSession {
  readonly contract: Contract;
  readonly options: ProbeOptions;
  readonly redact: Redact;
  /**
   * The minimal requests a bound is probed on, one per attempt: every size is set on the first, and on
   * the next while the answers say nothing about the rule. Those every other edition could accept but
   * for the probed value come first: the probe then tells editions apart.
   */
  readonly basesOf: (bound: ProbedBound) => Record<string, unknown>[];
  /** The case of a bound's rule at a size on a base, if that size breaks no other rule. */
  readonly caseAt: (bound: ProbedBound, size: number, base: Readonly<Record<string, unknown>>) => RequestCase | undefined;
  readonly binder: ReturnType<ReturnType<typeof adapterOf>['createBinder']>;
  readonly send: (document: Readonly<Record<string, unknown>>) => Promise<Answered>;
  readonly cleanUp: ReturnType<typeof createCleaner>;
  readonly guard: ReturnType<typeof createStopGuard>;
  readonly spent: { requests: number; cleanupCalls: number };
  readonly leftBehind: ProbeLeftBehind[];
}

/** Why no more requests go out now, if so. */
function stopReason(session: ProbeSession, spentOnBound: number): string | undefined {
  const { options, spent } = session;
  if (options.signal?.aborted) return 'interrupted';
  const stop = session.guard.stopped();
  if (stop) return stop.words;
  if (options.budget !== undefined && spent.requests >= options.budget) return `the request budget (${options.budget}) is spent`;
  const perBound = options.perBound ?? 40;
  if (spentOnBound >= perBound) return `the limit of ${perBound} requests per bound was reached`;
  return undefined;
}

/** What one request said about a size: an answer about the rule with its exchange, or nothing, with why (and whether a request went out). */
type SentCase = { readonly answer: SizeAnswer; readonly exchange: Omit<ProbeExchange, 'size'> } | { readonly reason: InconclusiveReason | 'unbuildable'; readonly sent: boolean };

/** One probed value sent: bound to the fixtures, sent, cleaned up after, its answer read for the rule. */
async function sendCase(session: ProbeSession, rule: string, c: RequestCase): Promise<SentCase> {
  const bound = await session.binder.bind(c);
  if ('skipped' in bound) return { reason: 'fixtures-exhausted', sent: false };
  const answered = await session.send(bound.request);
  session.spent.requests += 1;
  const cleanup = await session.cleanUp(bound.request, [answered]);
  bound.done(cleanup.kept);
  session.leftBehind.push(...cleanup.leftBehind.map((left) => ({ rule, ...(left.id ? { id: left.id } : {}), why: left.why })));
  session.guard.note(answered.answer);
  // A refusal counts only when it is about the probed value, whichever side of the documented bound it is on: a refusal
  // naming another parameter, or for a fixture's state, says nothing of the bound (read as a violation's, never a valid case's).
  const outcome = caseOutcome({ kind: 'violation' }, answered.answer, { about: answerAbout(answered.answer, [c.pointer ?? '', ...(c.pins ?? [])]), editsFixtureReference: false });
  if (!outcome.conclusive) return { reason: outcome.reason, sent: true };
  const { request } = answered.exchange;
  const { status, code } = answered.answer;
  return {
    answer: outcome.accepted ? 'accepted' : 'refused',
    exchange: { ...(status !== undefined ? { status } : {}), ...(code !== undefined ? { code } : {}), request: recordRequest(request, session.redact), curl: recordCurl(request, session.redact) },
  };
}

/** Places one bound: the search, each size asked with up to `attempts` requests until one answers about the rule. */
async function probeBound(session: ProbeSession, bound: ProbedBound, editions: readonly Contract[]): Promise<BoundResult> {
  const exchanges = new Map<number, ProbeExchange>();
  const inconclusive: Partial<Record<InconclusiveReason | 'unbuildable', number>> = {};
  const note = (reason: InconclusiveReason | 'unbuildable') => (inconclusive[reason] = (inconclusive[reason] ?? 0) + 1);
  let spentOnBound = 0;
  let stoppedBecause = '';
  const bases = session.basesOf(bound);
  const ask = async (size: number): Promise<SizeAnswer | 'stop'> => {
    const reasons: (InconclusiveReason | 'unbuildable')[] = [];
    for (const base of bases) {
      const c = session.caseAt(bound, size, base);
      const stop = stopReason(session, spentOnBound);
      if (stop) {
        stoppedBecause = stop;
        return 'stop';
      }
      const sent: SentCase = c ? await sendCase(session, bound.rule.id, c) : { reason: 'unbuildable', sent: false };
      if ('answer' in sent || sent.sent) spentOnBound += 1;
      if ('answer' in sent) {
        exchanges.set(size, { size, ...sent.exchange });
        return sent.answer;
      }
      note(sent.reason);
      reasons.push(sent.reason);
    }
    const words = [...new Set(reasons)].map((reason) => `${reason} ${reasons.filter((r) => r === reason).length}`).join(', ');
    stoppedBecause = reasons.every((r) => r === 'unbuildable') ? `no request with the size ${size} breaks this rule alone` : `the size ${size} got no answer about the rule (${words})`;
    return reasons.every((r) => r === 'unbuildable') ? 'stop' : 'inconclusive';
  };
  const outcome = await searchBound(bound.plan, ask);
  const documented = readingBounds(session.contract, bound.rule.id);
  const verdict = boundVerdict(outcome, bound.plan, documented, bound.measure.of, stoppedBecause);
  return {
    rule: bound.rule.id,
    kind: bound.kind,
    side: bound.plan.side,
    documented: bound.plan.start,
    ...(documented.length > 1 ? { readings: documented } : {}),
    editions: editionBounds(editions, bound.rule.id),
    ...verdict,
    requests: spentOnBound,
    lastAccepted: (outcome.lastAccepted !== undefined && exchanges.get(outcome.lastAccepted)) || null,
    firstRejected: (outcome.firstRefused !== undefined && exchanges.get(outcome.firstRefused)) || null,
    end: outcome.end,
    steps: outcome.steps,
    inconclusive,
  };
}

/** The top-level parameters another edition of the operation requires that this one has: sent in every probe, so no edition refuses it for their absence. */
function requiredByAnEdition(contract: Contract, editions: readonly Contract[]): string[] {
  const pointers = editions.flatMap((e) => e.rules.filter((r) => r.kind === 'required' && /^\/[^/]+$/.test(r.pointer)).map((r) => r.pointer));
  return [...new Set(pointers)].filter((pointer) => contract.requestSchema.properties?.[pointer.slice(1)] !== undefined);
}

/** The bounds to probe: every range, length and count rule, or the ones named (an unknown name is a usage error). */
function chosenBounds(contract: Contract, rules: readonly string[] | undefined): ProbedBound[] {
  const all = probedBounds(contract);
  if (!rules) return all;
  const unknown = rules.filter((id) => !all.some((b) => b.rule.id === id));
  if (unknown.length > 0) throw new UsageError(`probe: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a range, length or count rule of ${contract.id}; these are: ${all.map((b) => b.rule.id).join(', ')}`);
  return all.filter((b) => rules.includes(b.rule.id));
}

/**
 * Infers, rule by rule, the ranges, lengths and counts an endpoint really enforces (see
 * {@link searchBound}), each probe request a minimal valid one bound to the target's fixtures, whatever
 * it creates deleted before the next; then scores every edition of the operation by how many bounds'
 * answers its documents predict, and names the closest.
 */
export async function probeApi(options: ProbeOptions): Promise<ProbeResult> {
  const startedAt = new Date();
  const contract = loadContract(options.api);
  const editions = editionsOf(options.api).map((api) => loadContract(api));
  const bounds = chosenBounds(contract, options.rules);
  const clock = options.clock ?? systemClock;
  const generators = createCaseGenerators(contract, options.clock ? { clock } : hourlyGeneration());
  const include = requiredByAnEdition(contract, editions);
  const attempts = options.attempts ?? 3;
  const otherJudges = editions.filter((e) => e !== contract).map((e) => createRequestJudge(e, { clock }));
  const transport = { ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), beforeAttempt: createRateLimiter(options.rate) };
  const spent = { requests: 0, cleanupCalls: 0 };
  const sendWire = createSender(contract, transport);
  const session: ProbeSession = {
    contract,
    options,
    redact: options.redact ?? ((text) => text),
    basesOf: (bound) => {
      // Enough draws that some fit every other edition even where one allows a quarter of the values (SystemDiskSize up to 500 of 2,048).
      const drawn = fc.sample(generators.minimalFor(bound.rule, include), { seed: familySeed(options.seed, `${bound.rule.id}/base`), numRuns: otherJudges.length > 0 ? 32 : attempts });
      const probed = concrete(bound.rule.pointer);
      const fitsEveryEdition = (base: Record<string, unknown>) => otherJudges.every((judge) => judge(base).firm.every((v) => v.pointer === probed || v.pointer.startsWith(`${probed}/`)));
      return [...drawn.filter(fitsEveryEdition), ...drawn.filter((base) => !fitsEveryEdition(base))].slice(0, attempts);
    },
    caseAt: (bound, size, base) => drawCases(generators.atSize(bound.rule, size, base), familySeed(options.seed, `${bound.rule.id}/size ${size}`), 1, 4)[0],
    binder: adapterOf(options.target).createBinder(options.target),
    send: createDocumentSender(contract, options.target, clock, transport),
    cleanUp: createCleaner(contract, options.target, clock, (build) => {
      spent.cleanupCalls += 1;
      return sendWire(build);
    }),
    guard: createStopGuard(options.target.config.endpoint, options.stopAfter ?? 8),
    spent,
    leftBehind: [],
  };
  const results = new Map<ProbedBound, BoundResult>();
  await forEachConcurrently(bounds, options.concurrency ?? 2, async (bound) => {
    const result = await probeBound(session, bound, editions);
    results.set(bound, result);
    options.onBound?.(result, results.size, bounds.length);
  });
  const placed = bounds.map((b) => results.get(b) as BoundResult);
  const scores = scoreEditions(editions, placed);
  const stop = session.guard.stopped();
  const stopped = options.signal?.aborted ? 'interrupted (Ctrl-C) before every bound was placed' : stop ? stop.words : options.budget !== undefined && spent.requests >= options.budget ? `the request budget (${options.budget}) was spent` : undefined;
  return {
    api: options.api,
    target: options.target.config.endpoint,
    seed: options.seed,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    bounds: placed,
    editions: scores,
    closest: closestEdition(scores),
    requests: spent.requests,
    cleanupCalls: spent.cleanupCalls,
    leftBehind: session.leftBehind,
    ...(stopped ? { stopped } : {}),
    rerun: options.rerun ?? `migration-conformance probe --api ${options.api} --seed ${options.seed}`,
  };
}
