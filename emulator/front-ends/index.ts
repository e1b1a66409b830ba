import type { Contract } from '../../src/contract/load.ts';
import { alibabaRpc } from './alibaba-rpc.ts';
import type { Protocol } from './front-end.ts';
import { huaweiRest } from './huawei-rest.ts';

/**
 * The front end of a contract's vendor protocol. This is the one place in emulator/ that tells
 * vendors apart: a new vendor protocol is a new front end here; a new operation of a known one needs
 * nothing in emulator/.
 */
export function protocolOf(contract: Contract): Protocol {
  const vendor: string = contract.document.vendor;
  if (vendor === 'alibaba') return alibabaRpc;
  if (vendor === 'huawei') return huaweiRest;
  throw new Error(`${contract.id}: no front end in emulator/front-ends/ speaks the protocol of vendor ${vendor}`);
}

/**
 * The largest request body each vendor's endpoint reads, in bytes. The documents state no limit; these
 * are ours (README): 1 MiB for Huawei, whose gateway documents a 413 for large bodies (APIGW.0201), and
 * 8 MiB for Alibaba RPC, whose requests are a few kilobytes.
 */
export const bodyLimits = { alibaba: alibabaRpc.bodyLimit, huawei: huaweiRest.bodyLimit } as const;

/** The most any front end needs to buffer: one byte past the largest limit tells "too large" apart. */
export const maxBufferedBytes = Math.max(...Object.values(bodyLimits)) + 1;

export type { FrontEnd, Protocol } from './front-end.ts';
