import type { CheckContext } from '../checks/check.ts';
import type { Finding, Severity } from '../checks/finding.ts';
import type { InconclusiveReason } from '../checks/outcome.ts';
import { noServerError } from '../checks/no-server-error.ts';
import type { ApiId } from '../contract/apis.ts';
import type { Contract } from '../contract/load.ts';
import type { Clock } from '../keywords/clock.ts';
import type { WireRequest } from '../protocols/wire-request.ts';
import { cleanupFinding, createCleaner } from '../runner/cleanup.ts';
import { recordCurl, recordRequest, recordResponse, type Redact } from '../runner/record.ts';
import type { Answered } from '../runner/send-case.ts';
import type { Target } from '../runner/target.ts';
import type { StatefulLedger } from './ledger.ts';

/** Calls in a row without an answer after which the stateful checks stop sending: the target is gone. */
const unansweredStop = 3;

/** What every stateful check needs: the target, how to send and clean up, where findings and counts go. */
export interface StatefulContext {
  readonly api: ApiId;
  readonly contract: Contract;
  readonly target: Target;
  readonly seed: number;
  readonly clock: Clock;
  readonly redact: Redact;
  readonly ledger: StatefulLedger;
  readonly signal?: AbortSignal;
  /** Sends one call (rebuilt per attempt), counts it, and notes when the target stops answering. */
  readonly send: (build: () => WireRequest) => Promise<Answered>;
  /**
   * Deletes what the answers created (the binding's cleanup call, to `target`: by default the run's);
   * a failed delete becomes a `cleanup_failed` finding naming what was left. Resolves to whether all went.
   */
  readonly cleanUp: (family: string, caseId: string, document: Readonly<Record<string, unknown>>, answers: readonly Answered[], target?: Target) => Promise<boolean>;
  /** Calls sent (cleanup deletes not counted). */
  readonly calls: () => number;
  /** Why no more calls should start (interrupted, the target stopped answering, a delete failed), if so. */
  readonly halted: () => Halt | undefined;
  /** Stops every later call, with why. */
  readonly halt: (halt: Halt) => void;
}

/** Why the stateful checks stopped sending: in words, and as the inconclusive reason of what they did not send (none: it is not covered). */
export interface Halt {
  readonly why: string;
  readonly reason?: InconclusiveReason;
}

/** Counts a family the checks did not reach because they halted. */
export function skipHalted(context: StatefulContext, family: string, halt: Halt): void {
  if (halt.reason) context.ledger.skipped(family, halt.reason);
  else context.ledger.notCovered(family, `not sent: the stateful checks stopped (${halt.why})`);
}

/** Builds the context from a sender (the run's transport options) and the ledger. */
export function createContext(options: {
  api: ApiId;
  contract: Contract;
  target: Target;
  seed: number;
  clock: Clock;
  redact: Redact;
  ledger: StatefulLedger;
  signal?: AbortSignal;
  sender: (build: () => WireRequest) => Promise<Answered>;
}): StatefulContext {
  const { sender, ledger, redact } = options;
  let calls = 0;
  let unanswered = 0;
  let stop: Halt | undefined;
  const halt = (why: Halt) => void (stop ??= why);
  return {
    ...options,
    send: async (build) => {
      calls += 1;
      const answered = await sender(build);
      unanswered = answered.answer.class === 'transport' ? unanswered + 1 : 0;
      if (unanswered >= unansweredStop) halt({ why: `${unanswered} calls in a row got no answer from ${options.target.config.endpoint}`, reason: 'transport' });
      return answered;
    },
    cleanUp: async (family, caseId, document, answers, target = options.target) => {
      const result = await createCleaner(options.contract, target, options.clock, sender)(document, answers);
      if (result.leftBehind.length === 0) return true;
      // The family whose calls created it: a stateful family, never `(valid)`.
      ledger.finding({ ...cleanupFinding(options.api, caseId, options.seed, redact, result.leftBehind, target), rule: family });
      return false;
    },
    calls: () => calls,
    halted: () => (options.signal?.aborted ? { why: 'interrupted', reason: 'interrupted' } : stop),
    halt,
  };
}

/** A finding about the last of `calls` (the calls before it make its state), every call recorded with secrets redacted. */
export function callFinding(
  context: StatefulContext,
  fields: { check: string; code: string; severity: Severity; family: string; caseId: string; message: string; documented?: unknown; received?: unknown },
  calls: readonly Answered[],
  /** Report the calls as a sequence even when there is one: a sequence fast-check shrank to a single call. */
  asSequence = calls.length > 1,
): Finding {
  const { redact } = context;
  const last = calls.at(-1);
  const response = last ? recordResponse(last.exchange, redact) : undefined;
  return {
    check: fields.check,
    code: fields.code,
    severity: fields.severity,
    api: context.api,
    rule: fields.family,
    caseId: fields.caseId,
    message: fields.message,
    ...(fields.documented !== undefined ? { documented: fields.documented } : {}),
    ...(fields.received !== undefined ? { received: fields.received } : {}),
    request: last ? recordRequest(last.exchange.request, redact) : { method: '', url: redact(context.target.config.endpoint), headers: {} },
    ...(response ? { response } : {}),
    curl: last ? recordCurl(last.exchange.request, redact) : '',
    seed: context.seed,
    ...(asSequence && calls.length > 0
      ? {
          sequence: calls.map((c) => ({
            request: recordRequest(c.exchange.request, redact),
            ...('response' in c.exchange ? { status: c.exchange.response.status } : {}),
            curl: recordCurl(c.exchange.request, redact),
          })),
        }
      : {}),
  };
}

/**
 * The `no-server-error` finding of a call that got no answer or a 5xx, or undefined. It is the same
 * check single requests run; the calls before it are the sequence.
 */
export function serverErrorFinding(context: StatefulContext, family: string, caseId: string, calls: readonly Answered[]): Finding | undefined {
  const last = calls.at(-1);
  if (!last) return undefined;
  // The check reads only the exchange and the answer's class (throttling is no server error).
  const checked = { exchange: last.exchange, answer: last.answer } as CheckContext;
  const [draft] = noServerError.appliesTo(checked) ? noServerError.run(checked) : [];
  if (!draft) return undefined;
  const after = calls.length > 1 ? ` It was call ${calls.length} of a sequence; what the target holds since is unknown, so the sequence stopped there.` : '';
  return callFinding(context, { check: noServerError.name, code: draft.code, severity: draft.severity, family, caseId, message: `${draft.message}${after}`, ...(draft.documented !== undefined ? { documented: draft.documented } : {}), ...(draft.received !== undefined ? { received: draft.received } : {}) }, calls);
}
