import { editionOf, productOf, type ApiId } from '../src/contract/apis.ts';
import type { Contract } from '../src/contract/load.ts';
import { createRequestCheck } from './check-request.ts';
import { cleanupShapeOf, type CleanupShape } from './cleanup.ts';
import type { ErrorAnswer } from './documented-error.ts';
import { withFaults } from './fault-wrappers.ts';
import { rulePlugins } from './rules/index.ts';
import { isRefusal, type HeldResource, type ProfileTarget, type RuleCall, type RulePlugin } from './rules/rule.ts';
import type { EmulatorSettings } from './settings.ts';
import { createSuccessPlan, type SuccessPlan } from './success-body.ts';

/** The answer to one call of an operation: its success body, or the documented error. */
export type CallAnswer = { readonly status: number; readonly body: Record<string, unknown> } | { readonly error: ErrorAnswer };

/**
 * One operation served from its contract alone: validation by the contract's validator, the stateful
 * rules its contract lists (plug-ins, wrapped by the active faults), the success body from its
 * response schema and example, and the resources it created, kept under the id its cleanup call
 * names. Front ends carry calls to it; it knows no vendor.
 */
export interface Operation {
  readonly api: ApiId;
  readonly contract: Contract;
  /** The profile's target of its product; without one the operation is known (its routes answer "no such API") but not served. */
  readonly target: ProfileTarget | undefined;
  readonly cleanup: CleanupShape;
  /** What it created and still holds, by id. */
  readonly held: ReadonlyMap<string, HeldResource>;
  /** The effective limit of one of its stateful rules (`job-quota`), if the contract states one. */
  readonly limitOf: (ruleId: string) => number | undefined;
  /** The rules checked on the path (`project-exists`), as soon as a front end has the path parameters. */
  readonly checkPath: (pathParameters: Readonly<Record<string, string>>) => ErrorAnswer | undefined;
  /** One call with the request's parameters (typed): validation, stateful rules, then the creation. Synchronous, so calls never interleave. */
  readonly call: (request: Readonly<Record<string, unknown>>, pathParameters?: Readonly<Record<string, string>>) => CallAnswer;
  /** Deletes what it holds under `id` (its cleanup call); whether it held it. */
  readonly release: (id: string) => boolean;
  /** Forgets everything it created and every rule's memory. */
  readonly reset: () => void;
}

/** What an operation needs besides its contract. */
export interface OperationOptions {
  readonly target: ProfileTarget | undefined;
  readonly settings: EmulatorSettings;
  /** The `quota` option of the emulator: the limit of every rule with a limit. */
  readonly quota?: number;
}

/** Success plans by contract: building one compiles the response schema. */
const plans = new WeakMap<Contract, SuccessPlan>();

function planOf(contract: Contract, cleanup: CleanupShape): SuccessPlan {
  let plan = plans.get(contract);
  if (!plan) plans.set(contract, (plan = createSuccessPlan(contract, cleanup.idField)));
  return plan;
}

/** The plug-ins of the stateful rules a contract lists, in the registry's order; a listed rule with a documented code and no plug-in fails. */
export function rulesOf(contract: Contract): RulePlugin[] {
  const listed = new Set(contract.document.stateful.map((r) => r.id));
  const missing = contract.document.stateful.filter((r) => r.code && !rulePlugins.some((p) => p.id === r.id)).map((r) => r.id);
  if (missing.length > 0) throw new Error(`${contract.id}: no rule plug-in in emulator/rules/ implements the stateful rules ${missing.join(', ')}`);
  return rulePlugins.filter((p) => listed.has(p.id));
}

/** Builds one operation from its contract; throws when the contract cannot be served (no response example fitting its schema, an unimplemented rule with a code). */
export function createOperation(contract: Contract, options: OperationOptions): Operation {
  const { target, settings } = options;
  const cleanup = cleanupShapeOf(contract);
  const plan = planOf(contract, cleanup);
  const check = createRequestCheck(contract, settings);
  const rules = rulesOf(contract).map((rule) => withFaults(rule, settings.faults));
  const pathRules = rules.filter((r) => r.stage === 'path');
  const requestRules = rules.filter((r) => r.stage !== 'path');
  const held = new Map<string, HeldResource>();
  const memories = new Map<string, Map<string, unknown>>();

  const limitOf = (ruleId: string): number | undefined => {
    const stated = contract.document.stateful.find((r) => r.id === ruleId)?.limit;
    if (stated === undefined) return undefined;
    // A profile's quota belongs to the edition it names; another edition gets its documented limit.
    const fromProfile = target?.edition === editionOf(contract.id) ? target?.quota : undefined;
    return options.quota ?? fromProfile ?? stated;
  };
  const callOf = (rule: RulePlugin, request: Readonly<Record<string, unknown>>, pathParameters: Readonly<Record<string, string>>): RuleCall => {
    if (!target) throw new Error(`${contract.id} is not served: the profile has no ${productOf(contract.id)} target`);
    let memory = memories.get(rule.id);
    if (!memory) memories.set(rule.id, (memory = new Map()));
    return { contract, stated: contract.document.stateful.find((r) => r.id === rule.id)!, request, pathParameters, target, held, limit: limitOf(rule.id), memory };
  };

  return {
    api: contract.id,
    contract,
    target,
    cleanup,
    held,
    limitOf,
    checkPath: (pathParameters) => {
      for (const rule of pathRules) {
        const outcome = rule.check(callOf(rule, {}, pathParameters));
        if (outcome && isRefusal(outcome)) return outcome.refusal;
      }
      return undefined;
    },
    call: (request, pathParameters = {}) => {
      const invalid = check(request);
      if (invalid) return { error: invalid };
      for (const rule of requestRules) {
        const outcome = rule.check(callOf(rule, request, pathParameters));
        if (!outcome) continue;
        if (isRefusal(outcome)) return { error: outcome.refusal };
        return { status: plan.status, body: plan.build(outcome.replay.request, outcome.replay.id) };
      }
      const body = plan.build(request, undefined, (id) => held.has(id));
      const resource: HeldResource = { id: String(body[cleanup.idField]), request, body };
      held.set(resource.id, resource);
      for (const rule of requestRules) rule.created?.(callOf(rule, request, pathParameters), resource);
      return { status: plan.status, body };
    },
    release: (id) => held.delete(id),
    reset: () => {
      held.clear();
      memories.clear();
    },
  };
}
