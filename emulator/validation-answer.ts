import type { Contract } from '../src/contract/load.ts';
import type { Violation } from '../src/contract/validator.ts';
import { segmentsOf } from '../generators/pointer.ts';

/** The parameter a violation is about, as the wire names it: `/DataDisk/0/Size` → `DataDisk.1.Size` (RPC) or `DataDisk[0].Size`. */
export function parameterName(pointer: string, style: 'rpc' | 'rest'): string {
  const segments = segmentsOf(pointer);
  if (style === 'rpc') return segments.map((s) => (/^\d+$/.test(s) ? String(Number(s) + 1) : s)).join('.');
  return segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : `${i === 0 ? '' : '.'}${s}`)).join('');
}

/** The vendor's global code and message for a broken rule: the missing-parameter code for presence rules, the invalid one otherwise. */
export function validationError(contract: Contract, violation: Violation): { code: string; message: string } {
  const rule = contract.rules.find((r) => r.id === violation.rule);
  const missing = rule?.kind === 'required' || rule?.kind === 'conditional';
  const { validation } = contract.globalErrors;
  const code = (missing ? validation.missing[0] : validation.invalid[0]) ?? 'InvalidParameter';
  const name = parameterName(violation.pointer, contract.document.binding.style);
  if (contract.document.vendor === 'alibaba') {
    return missing
      ? { code, message: `The input parameter "${name}" that is mandatory for processing this request is not supplied.` }
      : { code, message: `The specified value of parameter "${name}" is not valid. ${violation.message}` };
  }
  return { code, message: `Invalid ${name} parameter in the request.` };
}
