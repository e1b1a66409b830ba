import fc from 'fast-check';
import { hourlyGeneration } from '../../generators/context.ts';
import { createCaseGenerators, type CaseGenerators, type RequestCase } from '../../generators/request-case.ts';
import { checks } from '../checks/index.ts';
import type { CheckContext, ParsedBody } from '../checks/check.ts';
import type { Finding, Severity, WireRequestRecord, WireResponseRecord } from '../checks/finding.ts';
import { parseBody } from '../checks/parse-body.ts';
import type { ApiId } from '../contract/apis.ts';
import { loadContract, type Contract } from '../contract/load.ts';
import { compileSchema } from '../contract/validator.ts';
import { systemClock, type Clock } from '../keywords/clock.ts';
import { redactHeaders } from '../protocols/redact.ts';
import { toCurl, type WireRequest } from '../protocols/wire-request.ts';
import { createBinder, type BoundCase } from './bind.ts';
import type { RuleOutcome } from './run-result.ts';
import { isLoopback, type Target } from './target.ts';
import { createRateLimiter, forEachConcurrently, send, type Exchange } from './transport.ts';
import { createdId, toCleanupWire, toWire } from './wire.ts';

/** How many cases of each family a run sends, per API. */
export interface CasePlan {
  /** Random valid requests. @default 20 */
  readonly valid: number;
  /** Violation cases per rule. @default 3 */
  readonly perRule: number;
  /** Boundary-valid cases per rule. @default 1 */
  readonly boundaries: number;
  /** Valid requests also sent twice with the same ClientToken (SMC). @default 3 */
  readonly idempotency: number;
}

/** Options of one API's run. */
export interface ApiRunOptions {
  readonly api: ApiId;
  readonly target: Target;
  readonly seed: number;
  readonly plan?: Partial<CasePlan>;
  /** Only these rules (ids); `(valid)` selects the random valid requests. @default every rule */
  readonly rules?: ReadonlySet<string>;
  readonly concurrency?: number;
  /** Requests per second at most. @default unlimited */
  readonly rate?: number;
  readonly timeoutMs?: number;
  /** Cases sent at most (cleanup calls and retries not counted). */
  readonly budget?: number;
  /** Epoch milliseconds after which no case starts. */
  readonly deadline?: number;
  /** Send cases that create resources to an endpoint outside loopback. @default false */
  readonly allowCreate?: boolean;
  readonly clock?: Clock;
  /** Removes secrets from what goes into findings. */
  readonly redact?: (text: string) => string;
  readonly signal?: AbortSignal;
  /** Send these cases instead of planning them (replay). They cannot be shrunk. */
  readonly cases?: readonly RequestCase[];
  /** Failing cases shrunk per API, and requests each shrink may send. @default { cases: 5, steps: 40 } */
  readonly shrink?: { readonly cases: number; readonly steps: number };
  /** Called after every case, for progress display. */
  readonly onCase?: (done: number, total: number, findings: number) => void;
}

/** What one API's run produced. */
export interface ApiRunOutput {
  readonly api: ApiId;
  readonly findings: Finding[];
  readonly outcomes: RuleOutcome[];
  readonly casesSent: number;
  /** Cases not sent, with why (fixtures used up, creating not allowed, budget). */
  readonly skipped: { readonly caseId: string; readonly reason: string }[];
  readonly interrupted: boolean;
}

/** A planned case: the case, where it came from (for shrinking) and its id. */
export interface PlannedCase {
  readonly id: string;
  readonly case: RequestCase;
  readonly family: string;
  readonly origin: { readonly arbitrary: () => fc.Arbitrary<RequestCase>; readonly seed: number; readonly index: number };
  readonly idempotencyProbe: boolean;
}

const defaults: CasePlan = { valid: 20, perRule: 3, boundaries: 1, idempotency: 3 };

/** Each family draws from its own seed, derived from the run's: otherwise every rule's cases would share one base request. */
export function familySeed(seed: number, family: string): number {
  let hash = 2166136261;
  for (const char of family) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619);
  return (seed ^ hash) >>> 0;
}

/** The cases of a run, in sending order: random valid requests, then each rule's boundary and violation cases. */
export function planCases(api: ApiId, generators: CaseGenerators, seed: number, plan: Partial<CasePlan> = {}, rules?: ReadonlySet<string>): PlannedCase[] {
  const { valid, perRule, boundaries, idempotency } = { ...defaults, ...plan };
  const planned: PlannedCase[] = [];
  const add = (family: string, mode: string, arbitrary: () => fc.Arbitrary<RequestCase>, count: number, probes = 0): void => {
    const drawn = familySeed(seed, `${family}/${mode}`);
    fc.sample(arbitrary(), { seed: drawn, numRuns: count }).forEach((c, index) => {
      planned.push({ id: `${api}#${planned.length + 1}`, case: c, family, origin: { arbitrary, seed: drawn, index }, idempotencyProbe: index < probes && typeof c.request['ClientToken'] === 'string' });
    });
  };
  const alibaba = generators.contract.document.vendor === 'alibaba';
  if (!rules || rules.has('(valid)')) add('(valid)', 'valid', generators.valid, valid, alibaba ? idempotency : 0);
  for (const rule of generators.contract.rules) {
    if (rules && !rules.has(rule.id)) continue;
    add(rule.id, 'boundary', () => generators.boundary(rule), boundaries);
    add(rule.id, 'violation', () => generators.violation(rule), perRule);
  }
  return planned;
}

function record(request: WireRequest, redact: (text: string) => string): WireRequestRecord {
  const headers = Object.fromEntries(Object.entries(redactHeaders(request.headers)).map(([k, v]) => [k, redact(v)]));
  return { method: request.method, url: redact(request.url), headers, ...(request.body === undefined ? {} : { body: redact(request.body) }) };
}

function responseRecord(exchange: Exchange, redact: (text: string) => string): WireResponseRecord | undefined {
  return 'response' in exchange
    ? { status: exchange.response.status, headers: redactHeaders(exchange.response.headers), body: redact(exchange.response.body), durationMs: Math.round(exchange.durationMs) }
    : undefined;
}

/** Runs one API's cases against its target and checks every exchange. */
export async function runApi(options: ApiRunOptions): Promise<ApiRunOutput> {
  const contract: Contract = loadContract(options.api);
  const vendor = contract.document.vendor;
  const clock = options.clock ?? systemClock;
  const redact = options.redact ?? ((text: string) => text);
  // The same seed gives the same request documents all hour (only signatures and nonces change).
  const generators = createCaseGenerators(contract, options.clock ? { clock } : hourlyGeneration());
  const planned = options.cases
    ? options.cases.map((c, index): PlannedCase => ({ id: `${options.api}#${index + 1}`, case: c, family: c.rule ?? '(valid)', origin: { arbitrary: () => fc.constant(c), seed: options.seed, index: 0 }, idempotencyProbe: false }))
    : planCases(options.api, generators, options.seed, options.plan, options.rules);
  const binder = createBinder(options.target);
  const limiter = createRateLimiter(options.rate);
  const validators = {
    success: new Map([...contract.responseSchemas].map(([status, schema]) => [status, compileSchema(schema)])),
    errorEnvelope: compileSchema(contract.errorEnvelopeSchema),
  };
  const mayCreate = options.allowCreate === true || isLoopback(options.target.config.endpoint);
  // The signal stops new cases only: a request in flight is awaited, or a job it creates could not be deleted.
  const sendOptions = { ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), beforeAttempt: limiter };
  const findings: Finding[] = [];
  const skipped: { caseId: string; reason: string }[] = [];
  const counts = new Map<string, { cases: number; findings: Record<Severity, number>; checks: Record<string, 'passed' | 'failed' | 'info'>; readings: Set<string> }>();
  let sent = 0;
  let done = 0;
  let interrupted = false;

  const outcomeOf = (family: string) => {
    let entry = counts.get(family);
    if (!entry) counts.set(family, (entry = { cases: 0, findings: { violation: 0, drift: 0, info: 0 }, checks: {}, readings: new Set() }));
    return entry;
  };

  /** Sends one bound request document and reads the answer. */
  const exchangeOf = async (document: Record<string, unknown>): Promise<{ exchange: Exchange; body: ParsedBody }> => {
    const exchange = await send(() => toWire(contract, options.target, document, clock.now()), sendOptions);
    return { exchange, body: 'response' in exchange ? parseBody(exchange.response, vendor) : {} };
  };

  /** Deletes what a 2xx created; true when something stays behind. */
  const cleanUp = async (document: Record<string, unknown>, results: readonly { exchange: Exchange; body: ParsedBody }[]): Promise<boolean> => {
    const ids = new Set(results.flatMap((r) => ('response' in r.exchange && r.exchange.response.status < 300 ? [createdId(contract, r.body.json)] : [])).filter((id): id is string => id !== undefined));
    const created = results.some((r) => 'response' in r.exchange && r.exchange.response.status < 300);
    if (!created) return false;
    if (options.target.config.cleanup === 'none') return true;
    let kept = ids.size === 0;
    for (const id of ids) {
      const deletion = await send(() => toCleanupWire(contract, options.target, id, document, clock.now()), sendOptions);
      if ('response' in deletion && deletion.response.status < 300) continue;
      kept = true;
      // Not a finding about the documented operation, but the user must know what stays on the target.
      findings.push({
        check: 'cleanup',
        code: 'cleanup_failed',
        severity: 'info',
        api: options.api,
        caseId: `${options.api}#cleanup`,
        message: `${id} was created but could not be deleted (${'response' in deletion ? `${deletion.response.status} ${deletion.response.body.slice(0, 120)}` : deletion.failure.message}); delete it by hand.`,
        received: id,
        request: record(deletion.request, redact),
        curl: redact(toCurl(deletion.request)),
        seed: options.seed,
      });
    }
    return kept;
  };

  /** Runs every check on one exchange; returns the drafts with their check names. */
  const checkExchange = (c: RequestCase, first: { exchange: Exchange; body: ParsedBody }, repeat?: { exchange: Exchange; body: ParsedBody }) => {
    const context: CheckContext = { contract, case: c, exchange: first.exchange, body: first.body, validators, ...(repeat ? { repeat } : {}) };
    return checks.filter((check) => check.appliesTo(context)).map((check) => ({ check: check.name, drafts: check.run(context) }));
  };

  /** Binds, sends and checks one case; the drafts by check, or why it was not sent. */
  const attempt = async (c: RequestCase) => {
    const bound = await binder.bind(c);
    if ('skipped' in bound) return undefined;
    const first = await exchangeOf(bound.request);
    bound.done(await cleanUp(bound.request, [first]));
    return { first, results: checkExchange(c, first) };
  };

  /**
   * Replays a failing case through fast-check (same seed, same path) and lets it shrink, sending each
   * smaller candidate: the smallest request that still fails the same check the same way is reported.
   */
  const shrinkFailure = async (item: PlannedCase, check: string, code: string, steps: number) => {
    let sentByShrink = 0;
    let smallest: { request: WireRequest; steps: number } | undefined;
    const stillFails = async (c: RequestCase): Promise<boolean> => {
      if (sentByShrink >= steps || options.signal?.aborted) return true;
      sentByShrink += 1;
      const outcome = await attempt(c);
      const fails = outcome?.results.some((r) => r.check === check && r.drafts.some((d) => d.code === code)) ?? false;
      if (fails && outcome) smallest = { request: outcome.first.exchange.request, steps: sentByShrink };
      return !fails;
    };
    await fc.check(fc.asyncProperty(item.origin.arbitrary(), stillFails), { seed: item.origin.seed, path: String(item.origin.index), endOnFailure: false });
    return smallest;
  };

  const runCase = async (item: PlannedCase): Promise<void> => {
    if (options.signal?.aborted || (options.deadline !== undefined && Date.now() > options.deadline)) {
      interrupted = true;
      return;
    }
    const creates = item.case.expected.outcome !== 'reject';
    if (creates && !mayCreate) return void skipped.push({ caseId: item.id, reason: 'the endpoint is not on loopback and --allow-create was not given' });
    if (options.budget !== undefined && sent >= options.budget) return void skipped.push({ caseId: item.id, reason: 'the request budget is spent' });
    const bound: BoundCase | { skipped: string } = await binder.bind(item.case);
    if ('skipped' in bound) return void skipped.push({ caseId: item.id, reason: bound.skipped });
    sent += 1;
    const first = await exchangeOf(bound.request);
    const repeat = item.idempotencyProbe && 'response' in first.exchange && first.exchange.response.status < 300 ? await exchangeOf(bound.request) : undefined;
    const kept = await cleanUp(bound.request, repeat ? [first, repeat] : [first]);
    bound.done(kept);
    const outcome = outcomeOf(item.family);
    outcome.cases += 1;
    for (const { check, drafts } of checkExchange(item.case, first, repeat)) {
      const worst = drafts.some((d) => d.severity !== 'info') ? 'failed' : drafts.length > 0 ? 'info' : 'passed';
      if (outcome.checks[check] !== 'failed') outcome.checks[check] = worst === 'passed' && outcome.checks[check] === 'info' ? 'info' : worst;
      for (const draft of drafts) {
        if (check === 'ambiguous-rule') outcome.readings.add(String(draft.received));
        outcome.findings[draft.severity] += 1;
        const response = responseRecord(first.exchange, redact);
        findings.push({
          check,
          ...draft,
          api: options.api,
          ...(item.case.rule ? { rule: item.case.rule } : {}),
          caseId: item.id,
          request: record(first.exchange.request, redact),
          ...(response ? { response } : {}),
          curl: redact(toCurl(first.exchange.request)),
          seed: options.seed,
          case: {
            kind: item.case.kind,
            label: item.case.label,
            ...(item.case.pointer ? { pointer: item.case.pointer } : {}),
            expected: item.case.expected,
            document: JSON.parse(redact(JSON.stringify(bound.request))) as Record<string, unknown>,
          },
        });
      }
    }
    done += 1;
    options.onCase?.(done, planned.length, findings.length);
  };

  await forEachConcurrently(planned, options.concurrency ?? 4, runCase);

  // Shrink the first failing cases (one per rule), each to the smallest request that fails the same way.
  const shrink = options.shrink ?? { cases: 5, steps: 40 };
  const shrunkRules = new Set<string>();
  for (const finding of findings.filter((f) => f.severity === 'violation')) {
    if (shrunkRules.size >= shrink.cases || shrunkRules.has(finding.rule ?? '(valid)') || finding.code === 'transport_failure' || interrupted) continue;
    const item = planned.find((p) => p.id === finding.caseId);
    if (!item) continue;
    shrunkRules.add(finding.rule ?? '(valid)');
    const smallest = await shrinkFailure(item, finding.check, finding.code, shrink.steps);
    if (!smallest) continue;
    const shrunk = { request: record(smallest.request, redact), curl: redact(toCurl(smallest.request)), steps: smallest.steps };
    for (const [index, f] of findings.entries()) if (f.caseId === item.id && f.check === finding.check) findings[index] = { ...f, shrunk };
  }
  const outcomes: RuleOutcome[] = [...counts].map(([rule, c]) => ({
    api: options.api,
    rule,
    cases: c.cases,
    findings: c.findings,
    checks: c.checks,
    ...(c.readings.size > 0 ? { reading: c.readings.size > 1 ? 'mixed' : [...c.readings][0] as string } : {}),
  }));
  return { api: options.api, findings, outcomes, casesSent: sent, skipped, interrupted };
}
