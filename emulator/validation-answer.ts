import type { Contract } from '../src/contract/load.ts';
import type { Violation } from '../src/contract/validator.ts';
import { invalidParameter, missingParameter, withDetail, type ErrorAnswer } from './documented-error.ts';
import { pointerSegments } from '../src/json/pointer.ts';

/** The parameter a violation is about, as the wire names it: `/DataDisk/0/Size` → `DataDisk.1.Size` (RPC) or `DataDisk[0].Size` (REST). */
export function parameterName(pointer: string, style: 'rpc' | 'rest'): string {
  const segments = pointerSegments(pointer);
  if (style === 'rpc') return segments.map((s) => (/^\d+$/.test(s) ? String(Number(s) + 1) : s)).join('.');
  return segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : `${i === 0 ? '' : '.'}${s}`)).join('');
}

/**
 * The vendor's answer to a broken rule. The documents give no code for these, so the vendor's global
 * ones stand in (global-errors.json `validation`): the missing-parameter code for presence rules
 * (required, conditional), the invalid-parameter code for every other kind, with the value's problem
 * as the detail (shown where the vendor's messages carry one: the front end's choice).
 */
export function validationError(contract: Contract, violation: Violation): ErrorAnswer {
  const rule = contract.rules.find((r) => r.id === violation.rule);
  const name = parameterName(violation.pointer, contract.document.binding.style);
  if (rule?.kind === 'required' || rule?.kind === 'conditional') return missingParameter(contract, name);
  return withDetail(invalidParameter(contract, name), violation.message);
}
