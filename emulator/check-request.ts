import type { Contract } from '../src/contract/load.ts';
import { createReadingValidator } from '../src/contract/judge.ts';
import type { ValidationResult, Violation } from '../src/contract/validator.ts';
import { serverError, type ErrorAnswer } from './documented-error.ts';
import { faultsAt, type FaultDefinition } from './faults.ts';
import { valueAtPointer } from '../src/json/pointer.ts';
import { readingsOf, type EmulatorSettings } from './settings.ts';
import { validationError } from './validation-answer.ts';

/** Compiled validators by contract, clock and readings: compiling is the slow part of building an emulator, and a validator keeps no state between calls. */
const validators = new WeakMap<Contract, WeakMap<object, Map<string, (request: unknown) => ValidationResult>>>();

function validatorOf(contract: Contract, settings: EmulatorSettings): (request: unknown) => ValidationResult {
  const readings = readingsOf(contract, settings);
  const key = [...readings].map(([c, r]) => `${c}=${r}`).sort().join('&');
  const byClock = validators.get(contract) ?? new WeakMap<object, Map<string, (request: unknown) => ValidationResult>>();
  validators.set(contract, byClock);
  const byReadings = byClock.get(settings.clock) ?? new Map<string, (request: unknown) => ValidationResult>();
  byClock.set(settings.clock, byReadings);
  let validate = byReadings.get(key);
  if (!validate) byReadings.set(key, (validate = createReadingValidator(contract, readings, { clock: settings.clock })));
  return validate;
}

/** The rule's limit, and the value it applies to in `request` measured the way the rule measures it (a count, a length, the number). */
function measured(contract: Contract, ruleId: string | undefined, request: unknown, pointer: string): { limit: number; value: number } | undefined {
  const limit = contract.rules.find((r) => r.id === ruleId)?.params['limit'];
  const value = valueAtPointer(request, pointer);
  const size = Array.isArray(value) ? value.length : typeof value === 'string' ? [...value].length : value;
  return typeof limit === 'number' && typeof size === 'number' ? { limit, value: size } : undefined;
}

/** Whether an active `validation` fault lets this violation through. */
function tolerates(fault: FaultDefinition, violation: Violation, request: unknown, contract: Contract): boolean {
  if (fault.atLimit || fault.rule !== violation.rule) return false;
  if (!fault.offByOne) return true;
  const at = measured(contract, fault.rule, request, violation.pointer);
  return at !== undefined && (at.value === at.limit + 1 || at.value === at.limit - 1);
}

/** The violations an active `atLimit` fault adds: the value exactly at the rule's limit (a pointer without array wildcards only). */
function tightened(fault: FaultDefinition, request: unknown, contract: Contract): Violation[] {
  const rule = contract.rules.find((r) => r.id === fault.rule);
  if (!fault.atLimit || !rule || rule.pointer.includes('*')) return [];
  const at = measured(contract, rule.id, request, rule.pointer);
  if (at === undefined || at.value !== at.limit) return [];
  return [{ rule: rule.id, pointer: rule.pointer, message: `${rule.description} (refused at the limit: a deliberate fault)`, source: rule.source }];
}

/**
 * Checks a typed request against its contract with the contract's own validator, following the
 * emulator's readings (the first listed reading of each contradiction unless told otherwise), and
 * answers the first broken rule. Returns undefined when the request keeps every rule. `validation`
 * faults change which violations count; `validation-answer` faults how the first one is answered.
 */
export function createRequestCheck(contract: Contract, settings: EmulatorSettings): (request: unknown) => ErrorAnswer | undefined {
  const validate = validatorOf(contract, settings);
  const lenient = faultsAt(settings.faults, 'validation');
  // The first active one, in listing order, decides.
  const answering = faultsAt(settings.faults, 'validation-answer')[0] as FaultDefinition | undefined;
  return (request) => {
    const violations = [...validate(request).violations, ...lenient.flatMap((f) => tightened(f, request, contract))];
    const violation = violations.find((v) => !lenient.some((f) => tolerates(f, v, request, contract)));
    if (!violation) return undefined;
    if (answering?.serverError) return serverError(contract);
    const answer = validationError(contract, violation);
    return answering?.status === undefined ? answer : { ...answer, status: answering.status };
  };
}
