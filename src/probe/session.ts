import type { RequestCase } from '../../generators/request-case.ts';
import { adapterOf, type Binder, type Target } from '../adapters/index.ts';
import { answerAbout } from '../checks/answer.ts';
import { caseOutcome, type InconclusiveReason } from '../checks/outcome.ts';
import type { Contract } from '../contract/load.ts';
import type { Clock } from '../keywords/clock.ts';
import { createCleaner } from '../runner/cleanup.ts';
import { recordCurl, recordRequest, type Redact } from '../runner/record.ts';
import { createDocumentSender, createSender, type Answered } from '../runner/send-case.ts';
import { createStopGuard } from '../runner/stop-guard.ts';
import { createRateLimiter } from '../runner/transport.ts';
import type { ProbeExchange, ProbeLeftBehind } from './probe-result.ts';
import type { SizeAnswer } from './search.ts';

/** Why a try said nothing about the rule: an answer's reason, or no request that breaks the rule alone. */
export type SilentReason = InconclusiveReason | 'unbuildable';

/** What one rule's probe spent and heard, for its result. */
export interface RuleTally {
  requests: number;
  readonly inconclusive: Partial<Record<SilentReason, number>>;
}

/** Limits and pacing of a probe's requests. */
export interface SessionLimits {
  /** Requests of the operation in all, at most. */
  readonly budget?: number;
  /** Requests of the operation per rule probed, at most. @default 40 */
  readonly perBound?: number;
  readonly rate?: number;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Answers in a row that are throttling or no answer at all, after which nothing more is sent. @default 8 */
  readonly stopAfter?: number;
}

/** What every rule's probe shares: the target's sender, fixtures, cleanup, budget and stop guard. */
export interface ProbeSession {
  readonly contract: Contract;
  readonly limits: SessionLimits;
  readonly redact: Redact;
  readonly binder: Binder;
  readonly send: (document: Readonly<Record<string, unknown>>) => Promise<Answered>;
  readonly cleanUp: ReturnType<typeof createCleaner>;
  readonly guard: ReturnType<typeof createStopGuard>;
  readonly spent: { requests: number; cleanupCalls: number };
  readonly leftBehind: ProbeLeftBehind[];
}

/** A session against one target: requests signed and paced, their creations deleted with the binding's cleanup call. */
export function createSession(contract: Contract, target: Target, clock: Clock, limits: SessionLimits, redact: Redact): ProbeSession {
  const transport = { ...(limits.timeoutMs ? { timeoutMs: limits.timeoutMs } : {}), beforeAttempt: createRateLimiter(limits.rate) };
  const spent = { requests: 0, cleanupCalls: 0 };
  const sendWire = createSender(contract, transport);
  return {
    contract,
    limits,
    redact,
    binder: adapterOf(target).createBinder(target),
    send: createDocumentSender(contract, target, clock, transport),
    cleanUp: createCleaner(contract, target, clock, (build) => {
      spent.cleanupCalls += 1;
      return sendWire(build);
    }),
    guard: createStopGuard(target.config.endpoint, limits.stopAfter ?? 8),
    spent,
    leftBehind: [],
  };
}

/** Why no more requests go out now for a rule, if so. */
function stopReason(session: ProbeSession, tally: RuleTally): string | undefined {
  const { limits, spent } = session;
  if (limits.signal?.aborted) return 'interrupted';
  const stop = session.guard.stopped();
  if (stop) return stop.words;
  if (limits.budget !== undefined && spent.requests >= limits.budget) return `the request budget (${limits.budget}) is spent`;
  const perBound = limits.perBound ?? 40;
  if (tally.requests >= perBound) return `the limit of ${perBound} requests per rule was reached`;
  return undefined;
}

type SentCase = { readonly answer: SizeAnswer; readonly exchange: Omit<ProbeExchange, 'size'> } | { readonly reason: SilentReason; readonly sent: boolean };

/** One case sent: bound to the fixtures, sent, cleaned up after, its answer read for the rule. */
async function sendCase(session: ProbeSession, rule: string, c: RequestCase): Promise<SentCase> {
  const bound = await session.binder.bind(c);
  if ('skipped' in bound) return { reason: 'fixtures-exhausted', sent: false };
  const answered = await session.send(bound.request);
  session.spent.requests += 1;
  const cleanup = await session.cleanUp(bound.request, [answered]);
  bound.done(cleanup);
  session.leftBehind.push(...cleanup.leftBehind.map((left) => ({ rule, ...(left.id ? { id: left.id } : {}), why: left.why })));
  session.guard.note(answered.answer);
  // A refusal counts only when it is about the probed value, whichever side of the documents it is on: a refusal
  // naming another parameter, or for a fixture's state, says nothing of the rule (read as a violation's, never a valid case's).
  const outcome = caseOutcome({ kind: 'violation' }, answered.answer, { about: answerAbout(answered.answer, [c.pointer ?? '', ...(c.pins ?? [])]), editsFixtureReference: false });
  if (!outcome.conclusive) return { reason: outcome.reason, sent: true };
  const { request } = answered.exchange;
  const { status, code } = answered.answer;
  return {
    answer: outcome.accepted ? 'accepted' : 'refused',
    exchange: { ...(status !== undefined ? { status } : {}), ...(code !== undefined ? { code } : {}), request: recordRequest(request, session.redact), curl: recordCurl(request, session.redact) },
  };
}

/** What asking about one value got: an answer about the rule, silence (with why), or an order to stop. */
export type Asked =
  | { readonly kind: 'answer'; readonly answer: SizeAnswer; readonly exchange: Omit<ProbeExchange, 'size'> }
  | { readonly kind: 'silent'; readonly why: string }
  | { readonly kind: 'stop'; readonly why: string };

/**
 * Asks the endpoint about one value, carried by each of `cases` in turn (the same value on other
 * requests) until an answer is about the rule. Missing cases (the value breaks another rule on that
 * request) are skipped; when every one is missing the search must stop there.
 */
export async function askAbout(session: ProbeSession, rule: string, cases: readonly (RequestCase | undefined)[], tally: RuleTally): Promise<Asked> {
  const reasons: SilentReason[] = [];
  for (const c of cases) {
    const stop = stopReason(session, tally);
    if (stop) return { kind: 'stop', why: stop };
    const sent: SentCase = c ? await sendCase(session, rule, c) : { reason: 'unbuildable', sent: false };
    if ('answer' in sent || sent.sent) tally.requests += 1;
    if ('answer' in sent) return { kind: 'answer', answer: sent.answer, exchange: sent.exchange };
    tally.inconclusive[sent.reason] = (tally.inconclusive[sent.reason] ?? 0) + 1;
    reasons.push(sent.reason);
  }
  if (reasons.every((r) => r === 'unbuildable')) return { kind: 'stop', why: 'no request with this value breaks the rule alone' };
  const counts = [...new Set(reasons)].map((reason) => `${reason} ${reasons.filter((r) => r === reason).length}`).join(', ');
  return { kind: 'silent', why: `no answer about the rule (${counts})` };
}
