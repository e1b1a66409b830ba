import type { Contract } from '../src/contract/load.ts';
import { cataloguedError, invalidParameter } from './documented-error.ts';
import { errorResponse } from './responses.ts';

/**
 * The largest request body each vendor's endpoint reads, in bytes. The documents state no limit; these
 * are ours (README): 1 MiB for DCS, whose gateway documents a 413 for large bodies (APIGW.0201), and
 * 8 MiB for SMC, whose requests are a few kilobytes.
 */
export const bodyLimits = { alibaba: 8 * 1024 * 1024, huawei: 1024 * 1024 } as const;

/** The most any front end needs to buffer: one byte past the largest limit tells "too large" apart. */
export const maxBufferedBytes = Math.max(bodyLimits.alibaba, bodyLimits.huawei) + 1;

/** Whether a body of `bytes` is over the limit of the contract's vendor. */
export function isTooLarge(contract: Contract, bytes: number): boolean {
  return bytes > bodyLimits[contract.document.vendor];
}

/** The vendor's answer to a body over its limit: DCS 413 APIGW.0201, SMC the global invalid-parameter code. */
export function tooLargeAnswer(contract: Contract): Response {
  if (contract.document.vendor === 'huawei') return errorResponse(contract, { ...cataloguedError(contract, 'APIGW.0201'), status: 413, message: 'Request entity too large.' });
  return errorResponse(contract, invalidParameter(contract, 'body', `The request body is larger than ${bodyLimits.alibaba} bytes.`));
}
