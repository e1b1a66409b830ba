import type { Contract } from '../src/contract/load.ts';
import { coerceToSchema } from './coerce.ts';
import type { Clock } from '../src/keywords/clock.ts';
import type { FaultName } from './faults.ts';
import { createReplicationJob } from './handlers/CreateReplicationJob.ts';
import { deleteReplicationJob } from './handlers/DeleteReplicationJob.ts';
import { readRpcCall } from './handlers/rpc-endpoint.ts';
import { alibabaError } from './responses.ts';
import type { Store } from './store.ts';

/** The SMC RPC endpoint (`GET|POST /`): dispatches on Action after checking Version and the signature. */
export function createSmcService(contract: Contract, store: NonNullable<Store['smc']>, faults: ReadonlySet<FaultName>, clock: Clock): (request: Request) => Promise<Response> {
  const binding = contract.document.binding;
  if (binding.style !== 'rpc') throw new Error(`createSmcService: ${contract.id} is not an RPC contract`);
  const create = createReplicationJob(contract, store, faults, clock);
  const remove = deleteReplicationJob(store);
  const seenNonce = (nonce: string): boolean => {
    if (store.nonces.has(nonce)) return true;
    store.nonces.add(nonce);
    return false;
  };
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'POST') return alibabaError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
    const call = await readRpcCall(request, store.target, seenNonce, clock.now());
    if (call instanceof Response) return call;
    if (call.version !== binding.version) return alibabaError(400, 'InvalidVersion', 'Specified parameter Version is not valid.');
    if (call.action === binding.action) return create(coerceToSchema(call.params, contract.requestSchema) as Record<string, unknown>);
    if (call.action === binding.cleanup.action) return remove(call.params);
    return alibabaError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
  };
}
