import type { RequestCase } from '../../generators/request-case.ts';
import type { Answer } from './answer.ts';

/**
 * Why a case said nothing about its rule: the answer came from another layer (authentication,
 * authorization, throttling, the gateway, a failing server, the transport), could not be tied to the
 * rule (an undocumented or missing code, a refusal naming another parameter, a refusal for the state
 * of a fixture, a refusal naming a resource the request refers to that the profile has no fixture
 * for), or no answer was asked for (fixtures used up, budget spent, creating not allowed,
 * the run stopped: throttled, unresponsive, interrupted).
 */
export type InconclusiveReason =
  | 'authentication'
  | 'authorization'
  | 'throttling'
  | 'gateway'
  | 'server'
  | 'transport'
  | 'undocumented-code'
  | 'no-code'
  | 'other-parameter'
  | 'state'
  | 'unbound-reference'
  | 'fixtures-exhausted'
  | 'budget-spent'
  | 'creating-not-allowed'
  | 'throttled-stop'
  | 'unresponsive-stop'
  | 'interrupted';

/** Every reason, in the order reports list them. */
export const inconclusiveReasons: readonly InconclusiveReason[] = [
  'authentication',
  'authorization',
  'throttling',
  'gateway',
  'server',
  'transport',
  'undocumented-code',
  'no-code',
  'other-parameter',
  'state',
  'unbound-reference',
  'fixtures-exhausted',
  'budget-spent',
  'creating-not-allowed',
  'throttled-stop',
  'unresponsive-stop',
  'interrupted',
];

/** What an answer says about a case's rule: accepted, refused (for the rule), or nothing, with why. */
export type CaseOutcome =
  | { readonly conclusive: true; readonly accepted: boolean }
  | { readonly conclusive: false; readonly reason: InconclusiveReason };

/** What the case tells about how its answer may be read. */
export interface OutcomeContext {
  /** Whether the answer's text is about the case's parameters: it names one (`yes`), names another (`no`), or cannot tell (`unknown`). */
  readonly about: 'yes' | 'no' | 'unknown';
  /** The case changed a value that refers to a fixture (SourceId, a VPC…): refusing it for state is refusing the rule. */
  readonly editsFixtureReference: boolean;
  /** The case breaks the protocol itself (a wire-level case): the gateway's refusal is the refusal of its rule. */
  readonly breaksProtocol?: boolean;
  /**
   * The answer names a value the request sends that refers to a resource the profile has no fixture
   * for (`x-refers-to`: an ECS instance type, an OBS bucket): a refusal for it says nothing of the case.
   */
  readonly aboutUnboundReference?: boolean;
}

/**
 * Classifies an answer for a case before any check judges it. A valid case is conclusively answered by
 * success or by a refusal for validation or state (both are findings then). A violation case or a
 * probe is conclusively refused only by a validation refusal that is about the case's parameters,
 * or a refusal for the state of the very reference it changed.
 */
export function caseOutcome(c: Pick<RequestCase, 'kind'>, answer: Answer, context: OutcomeContext): CaseOutcome {
  const refusal = answer.class === 'validation' || answer.class === 'state' || answer.class === 'undocumented-code' || answer.class === 'no-code';
  if (refusal && context.aboutUnboundReference === true && context.about !== 'yes') return { conclusive: false, reason: 'unbound-reference' };
  switch (answer.class) {
    case 'success':
      return { conclusive: true, accepted: true };
    case 'gateway':
      return context.breaksProtocol ? { conclusive: true, accepted: false } : { conclusive: false, reason: 'gateway' };
    case 'authentication':
    case 'authorization':
    case 'throttling':
    case 'server':
    case 'transport':
      return { conclusive: false, reason: answer.class };
    case 'validation':
      return c.kind === 'valid' || context.about !== 'no' ? { conclusive: true, accepted: false } : { conclusive: false, reason: 'other-parameter' };
    case 'state':
      return c.kind === 'valid' || context.editsFixtureReference ? { conclusive: true, accepted: false } : { conclusive: false, reason: 'state' };
    case 'undocumented-code':
    case 'no-code':
      // A refusal the catalogues cannot place counts only where its text names the case's parameter, or where the case breaks the protocol (any 4xx refuses it).
      if (c.kind === 'valid' || context.breaksProtocol === true) return { conclusive: true, accepted: false };
      return context.about === 'yes' ? { conclusive: true, accepted: false } : { conclusive: false, reason: answer.class };
  }
}
