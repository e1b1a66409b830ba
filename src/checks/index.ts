import type { Check } from './check.ts';
import { ambiguousRule } from './ambiguous-rule.ts';
import { contentType } from './content-type.ts';
import { errorCodeDocumented } from './error-code-documented.ts';
import { errorEnvelope } from './error-envelope.ts';
import { fixtureState } from './fixture-state.ts';
import { idempotency } from './idempotency.ts';
import { noServerError } from './no-server-error.ts';
import { refusedForNamedParameter } from './refused-for-named-parameter.ts';
import { requestId } from './request-id.ts';
import { responseSchema } from './response-schema.ts';
import { statusDocumented } from './status-documented.ts';
import { validAccepted } from './valid-accepted.ts';
import { violationRejected } from './violation-rejected.ts';

/** Every check, in the order findings are listed. */
export const checks: readonly Check[] = [
  // outcome
  validAccepted,
  violationRejected,
  refusedForNamedParameter,
  fixtureState,
  noServerError,
  // documentation
  statusDocumented,
  errorCodeDocumented,
  // shape
  errorEnvelope,
  responseSchema,
  contentType,
  requestId,
  // behaviour
  idempotency,
  ambiguousRule,
];

export { answerAbout, classifyAnswer } from './answer.ts';
export { caseOutcome, inconclusiveReasons } from './outcome.ts';
export { isFailing } from './finding.ts';
export type { Answer, AnswerClass } from './answer.ts';
export type { Check, CheckContext, FindingDraft, ParsedBody } from './check.ts';
export type { Finding, Severity, WireRequestRecord, WireResponseRecord } from './finding.ts';
export type { CaseOutcome, InconclusiveReason, OutcomeContext } from './outcome.ts';
