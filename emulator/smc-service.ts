import type { Contract } from '../src/contract/load.ts';
import { receiveRequest } from '../src/protocols/signing/received-request.ts';
import { isTooLarge, tooLargeAnswer } from './body-limits.ts';
import { coerceToSchema, withoutEmptyOptionals } from './coerce.ts';
import { cataloguedError } from './documented-error.ts';
import { createReplicationJob } from './handlers/CreateReplicationJob.ts';
import { deleteReplicationJob } from './handlers/DeleteReplicationJob.ts';
import { readRpcCall } from './handlers/rpc-endpoint.ts';
import { errorResponse } from './responses.ts';
import type { EmulatorSettings } from './settings.ts';
import type { SmcState } from './store.ts';

/**
 * The SMC RPC endpoint (`GET|POST /`, reference A.1): reads the call (signature included), checks
 * Version, dispatches on Action. Wire strings get the schema's types before validation.
 */
export function createSmcService(contract: Contract, state: SmcState, settings: EmulatorSettings): (request: Request) => Promise<Response> {
  const { clock } = settings;
  const binding = contract.document.binding;
  if (binding.style !== 'rpc') throw new Error(`createSmcService: ${contract.id} is not an RPC contract`);
  const create = createReplicationJob(contract, state, settings);
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
    // An empty optional parameter is one left out ("If you leave this parameter empty…", seed 001 ScheduledStartTime).
    if (call.action === binding.action) return create(coerceToSchema(withoutEmptyOptionals(call.params, contract.requestSchema), contract.requestSchema) as Record<string, unknown>);
    if (call.action === binding.cleanup.action) return remove(call.params);
    return notFound();
  };
}
