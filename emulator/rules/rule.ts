import type { Contract } from '../../src/contract/load.ts';
import type { StatefulRule } from '../../src/generated/contract-document.ts';
import { cataloguedError, invalidParameter, withDetail, type ErrorAnswer } from '../documented-error.ts';
import { parameterName } from '../validation-answer.ts';

/** What an operation created and still holds: the request that created it and the body it was answered with. */
export interface HeldResource {
  /** The id the binding's cleanup call names it by (`response:JobId`, `response:id`, …). */
  readonly id: string;
  readonly request: Readonly<Record<string, unknown>>;
  readonly body: Readonly<Record<string, unknown>>;
}

/** A profile target as the core sees it: its fixtures, edition and quota; what else it holds, the rules that need it read. */
export interface ProfileTarget {
  readonly edition?: string;
  readonly quota?: number;
  readonly credentials?: unknown;
  readonly fixtures: object;
}

/** One call as a rule sees it. */
export interface RuleCall {
  readonly contract: Contract;
  /** The rule as the contract states it: its code (or null), limit, incomplete states. */
  readonly stated: StatefulRule;
  /** The request's parameters, typed by the schema (RPC strings coerced). */
  readonly request: Readonly<Record<string, unknown>>;
  /** The path parameters of a REST call (`project_id`), by name. */
  readonly pathParameters: Readonly<Record<string, string>>;
  /** The profile's target of the operation's product: the resources it already has. */
  readonly target: ProfileTarget;
  /** What the operation holds now. */
  readonly held: ReadonlyMap<string, HeldResource>;
  /** The rule's effective limit (`job-quota`): the emulator's `quota` option, the profile's, or the contract's. */
  readonly limit: number | undefined;
  /** The rule's own memory for this operation (ClientTokens seen); forgotten by `reset()`. */
  readonly memory: Map<string, unknown>;
}

/** A rule refuses the call, with the parameter it is about (a JSON pointer into the request) when there is one. */
export interface Refusal {
  readonly refusal: ErrorAnswer;
  readonly pointer?: string;
}

/** A rule answers the call with a resource created before (an idempotent repeat): nothing new is created. */
export interface Replay {
  readonly replay: { readonly id: string; readonly request: Readonly<Record<string, unknown>> };
}

export type RuleOutcome = Refusal | Replay;

/**
 * One stateful rule, registered under the id the contracts' `stateful` lists use. It applies to every
 * operation whose contract lists that id; it knows which parameters and fixtures it is about, never
 * which vendor or operation it serves, and never spells a code: {@link refuse} takes it from the
 * contract.
 */
export interface RulePlugin {
  readonly id: string;
  /** `path`: checked on the path parameters as soon as the front end has them, before the body is read (REST); else after the parameters are valid. */
  readonly stage?: 'path';
  /** Refuses the call, replays an earlier answer, or lets it pass (undefined). Runs synchronously: no other call comes between the rules and the creation. */
  readonly check: (call: RuleCall) => RuleOutcome | undefined;
  /** After the operation created a resource: what the rule must remember. */
  readonly created?: (call: RuleCall, resource: HeldResource) => void;
}

/**
 * The rule's documented answer (the contract's code for it, with the catalogue's status and message,
 * `args` filling its placeholders); where the contract documents no code, the vendor's
 * invalid-parameter code naming the parameter at `pointer`, with `detail`.
 */
export function refuse(call: RuleCall, how: { readonly pointer?: string; readonly args?: readonly string[]; readonly detail?: string } = {}): Refusal {
  const at = how.pointer === undefined ? {} : { pointer: how.pointer };
  if (call.stated.code) return { refusal: cataloguedError(call.contract, call.stated.code, how.args ?? []), ...at };
  if (how.pointer === undefined) throw new Error(`${call.contract.id}: stateful rule ${call.stated.id} has no code and its plug-in names no parameter`);
  return invalid(call, how.pointer, how.detail);
}

/** The vendor's invalid-parameter answer naming the parameter at `pointer`, whatever code the rule has. */
export function invalid(call: RuleCall, pointer: string, detail?: string): Refusal {
  return { refusal: withDetail(invalidParameter(call.contract, parameterName(pointer, call.contract.document.binding.style)), detail), pointer };
}

/** Whether an outcome is a refusal. */
export function isRefusal(outcome: RuleOutcome): outcome is Refusal {
  return 'refusal' in outcome;
}

/** The value as a string, or undefined. */
export const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The value as a number, or undefined. */
export const numeric = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
