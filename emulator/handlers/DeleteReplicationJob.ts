import { alibabaError, json, newRequestId } from '../responses.ts';
import type { Store } from '../store.ts';

/** DeleteReplicationJob (cleanup): removes the job, which frees its source, name and image name. */
export function deleteReplicationJob(store: NonNullable<Store['smc']>): (params: Record<string, unknown>) => Response {
  return (params) => {
    const id = params['JobId'];
    if (typeof id !== 'string') return alibabaError(400, 'MissingParameter', 'The input parameter "JobId" that is mandatory for processing this request is not supplied.');
    if (!store.jobs.delete(id)) return alibabaError(400, 'InvalidParameter', 'The specified value of parameter "JobId" is not valid: no such job.');
    return json(200, { RequestId: newRequestId() });
  };
}
