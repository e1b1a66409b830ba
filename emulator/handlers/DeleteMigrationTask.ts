import type { Contract } from '../../src/contract/load.ts';
import { invalidParameter } from '../documented-error.ts';
import { errorResponse, json } from '../responses.ts';
import type { DcsState } from '../store.ts';

/**
 * DeleteMigrationTask (cleanup, reference B.4): removes the listed tasks of either create operation
 * and echoes `task_id_list` with the ids it deleted. A list that is not a non-empty list of strings
 * gets the global invalid-parameter code.
 */
export function deleteMigrationTask(contract: Contract, state: DcsState): (body: Record<string, unknown>) => Response {
  return (body) => {
    const ids = body['task_id_list'];
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) return errorResponse(contract, invalidParameter(contract, 'task_id_list'));
    const deleted = ids.filter((id: string) => state.tasks.delete(id));
    return json(200, { task_id_list: deleted });
  };
}
