import type { ValidateFunction } from 'ajv';
import type { RequestCase } from '../../generators/request-case.ts';
import type { Contract } from '../contract/load.ts';
import type { Exchange } from '../protocols/exchange.ts';
import type { Answer } from './answer.ts';
import type { Finding, Severity } from './finding.ts';
import type { CaseOutcome } from './outcome.ts';

/** What a check sees of the body: parsed JSON when it is JSON, and the vendor's error fields. */
export interface ParsedBody {
  readonly json?: unknown;
  /** `Code` (Alibaba) or `error_code` (Huawei). */
  readonly errorCode?: string;
  /** `Message` (Alibaba) or `error_msg` (Huawei). */
  readonly errorMessage?: string;
  /** `RequestId` in the body (Alibaba) or the `x-request-id` header (Huawei). */
  readonly requestId?: string;
}

/** Everything a check may look at for one case. */
export interface CheckContext {
  readonly contract: Contract;
  readonly case: RequestCase;
  readonly exchange: Exchange;
  readonly body: ParsedBody;
  /** The answer, classified. */
  readonly answer: Answer;
  /** Whether the vendor documents a request id in every answer (its adapter knows). */
  readonly requestIdRequired: boolean;
  /** What the answer says about the case's rule. */
  readonly outcome: CaseOutcome;
  /** The case breaks the protocol itself (a wire-level case): HTTP's own refusal of it (405, 415…) is a documented answer. */
  readonly breaksProtocol?: boolean;
  /** A second exchange of the same request with the same ClientToken, for the idempotency check. */
  readonly repeat?: { readonly exchange: Exchange; readonly body: ParsedBody };
  readonly validators: {
    readonly success: ReadonlyMap<number, ValidateFunction>;
    readonly errorEnvelope: ValidateFunction;
  };
}

/** A finding before the runner adds the case's id, request, response, curl and seed. */
export type FindingDraft = Pick<Finding, 'code' | 'severity' | 'message'> & Partial<Pick<Finding, 'documented' | 'received'>>;

/** A named check: takes a case and its exchange, returns what it found (nothing = passed). */
export interface Check {
  readonly name: string;
  /** Whether the check has anything to say about this case; it counts as run only then. */
  readonly appliesTo: (context: CheckContext) => boolean;
  readonly run: (context: CheckContext) => FindingDraft[];
}

/** Helper for the common one-finding result. */
export function found(code: string, severity: Severity, message: string, extra: Partial<Pick<Finding, 'documented' | 'received'>> = {}): FindingDraft[] {
  return [{ code, severity, message, ...extra }];
}

/** Whether the exchange got a response with status in [from, to). */
export function statusIn(context: CheckContext, from: number, to: number): boolean {
  return 'response' in context.exchange && context.exchange.response.status >= from && context.exchange.response.status < to;
}
