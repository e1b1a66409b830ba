import type { Contract } from '../src/contract/load.ts';
import { createReadingValidator } from '../src/contract/judge.ts';
import type { ValidationResult, Violation } from '../src/contract/validator.ts';
import { cataloguedError } from './documented-error.ts';
import { faultsAt, type FaultDefinition } from './faults.ts';
import { valueAtPointer } from './json-pointer.ts';
import { errorResponse } from './responses.ts';
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

/** Whether an active `validation` fault lets this violation through. */
function tolerates(fault: FaultDefinition, violation: Violation, request: unknown, contract: Contract): boolean {
  if (fault.rule !== violation.rule) return false;
  if (!fault.offByOne) return true;
  const limit = contract.rules.find((r) => r.id === fault.rule)?.params['limit'];
  const value = valueAtPointer(request, violation.pointer);
  if (typeof limit !== 'number' || typeof value !== 'number') return false;
  return value === limit + 1 || value === limit - 1;
}

/** The code a 500 carries: the operation's documented InternalError, or the vendor's first 5xx code. */
function serverErrorCode(contract: Contract): string {
  const documented = contract.document.errors.find((e) => e.status === 500)?.code;
  return documented ?? contract.globalErrors.errors.find((e) => e.statuses[0] === 500)?.code ?? 'InternalError';
}

/**
 * Checks a typed request against its contract with the contract's own validator, following the
 * emulator's readings (the first listed reading of each contradiction unless told otherwise), and
 * answers the first broken rule. Returns undefined when the request keeps every rule.
 */
export function createRequestCheck(contract: Contract, settings: EmulatorSettings): (request: unknown) => Response | undefined {
  const validate = validatorOf(contract, settings);
  const lenient = faultsAt(settings.faults, 'validation');
  const answering = new Set(faultsAt(settings.faults, 'validation-answer').map((f) => f.name));
  return (request) => {
    const violation = validate(request).violations.find((v) => !lenient.some((f) => tolerates(f, v, request, contract)));
    if (!violation) return undefined;
    if (answering.has('validation-500')) return errorResponse(contract, cataloguedError(contract, serverErrorCode(contract)));
    const answer = validationError(contract, violation);
    if (answering.has('status-404-for-validation')) return errorResponse(contract, { ...answer, status: 404 });
    if (answering.has('error-status-200')) return errorResponse(contract, { ...answer, status: 200 });
    return errorResponse(contract, answer);
  };
}
