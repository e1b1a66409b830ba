import { dcsError, json } from '../responses.ts';
import type { Store } from '../store.ts';

/** DeleteMigrationTask (cleanup): removes the listed tasks of either kind and echoes the ids it deleted. */
export function deleteMigrationTask(store: NonNullable<Store['dcs']>): (body: Record<string, unknown>) => Response {
  return (body) => {
    const ids = body['task_id_list'];
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) return dcsError(400, 'DCS.4062', 'Invalid task_id_list parameter in the request.');
    const deleted = ids.filter((id: string) => store.tasks.delete(id));
    return json(200, { task_id_list: deleted });
  };
}
