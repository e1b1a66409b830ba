import type { Contract } from '../src/contract/load.ts';
import type { Clock } from '../src/keywords/clock.ts';
import { receiveRequest } from '../src/protocols/signing/received-request.ts';
import { isTooLarge, tooLargeAnswer } from './body-limits.ts';
import { coerceToSchema } from './coerce.ts';
import { cataloguedError } from './documented-error.ts';
import type { FaultName } from './faults.ts';
import { createReplicationJob } from './handlers/CreateReplicationJob.ts';
import { deleteReplicationJob } from './handlers/DeleteReplicationJob.ts';
import { readRpcCall } from './handlers/rpc-endpoint.ts';
import { errorResponse } from './responses.ts';
import type { SmcState } from './store.ts';

/**
 * The SMC RPC endpoint (`GET|POST /`, reference A.1): reads the call (signature included), checks
 * Version, dispatches on Action. Wire strings get the schema's types before validation.
 */
export function createSmcService(contract: Contract, state: SmcState, faults: ReadonlySet<FaultName>, clock: Clock): (request: Request) => Promise<Response> {
  const binding = contract.document.binding;
  if (binding.style !== 'rpc') throw new Error(`createSmcService: ${contract.id} is not an RPC contract`);
  const create = createReplicationJob(contract, state, faults, clock);
  const remove = deleteReplicationJob(contract, state);
  const notFound = () => errorResponse(contract, cataloguedError(contract, 'InvalidAction.NotFound'));
  const seenNonce = (nonce: string): boolean => {
    if (state.nonces.has(nonce)) return true;
    state.nonces.add(nonce);
    return false;
  };
  return async (request) => {
    if (!binding.methods.includes(request.method as 'GET' | 'POST') || new URL(request.url).pathname !== binding.path) return notFound();
    const received = await receiveRequest(request);
    if (isTooLarge(contract, received.body.byteLength)) return tooLargeAnswer(contract);
    const call = readRpcCall(received, contract, state.target, seenNonce, clock.now());
    if (call instanceof Response) return call;
    if (call.version !== binding.version) return errorResponse(contract, cataloguedError(contract, 'InvalidVersion'));
    if (call.action === binding.action) return create(coerceToSchema(call.params, contract.requestSchema) as Record<string, unknown>);
    if (call.action === binding.cleanup.action) return remove(call.params);
    return notFound();
  };
}
