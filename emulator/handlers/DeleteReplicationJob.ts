import type { Contract } from '../../src/contract/load.ts';
import { invalidParameter, missingParameter } from '../documented-error.ts';
import { errorResponse, json, newRequestId } from '../responses.ts';
import type { SmcState } from '../store.ts';

/**
 * DeleteReplicationJob (cleanup, reference B.4): removes the job, which frees its source, name and
 * image name. Its ClientToken keeps answering the deleted JobId (README). No code is documented for
 * an unknown JobId: the global invalid-parameter one.
 */
export function deleteReplicationJob(contract: Contract, state: SmcState): (params: Record<string, unknown>) => Response {
  return (params) => {
    const id = params['JobId'];
    if (id === undefined) return errorResponse(contract, missingParameter(contract, 'JobId'));
    if (typeof id !== 'string' || !state.jobs.delete(id)) return errorResponse(contract, invalidParameter(contract, 'JobId', 'No replication job has this id.'));
    return json(200, { RequestId: newRequestId() });
  };
}
