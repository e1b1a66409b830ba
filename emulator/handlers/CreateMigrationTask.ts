import { randomBytes } from 'node:crypto';
import type { Contract } from '../../src/contract/load.ts';
import { createRequestCheck } from '../check-request.ts';
import { requireStateful, statefulError } from '../documented-error.ts';
import { errorResponse, json } from '../responses.ts';
import type { EmulatorSettings } from '../settings.ts';
import type { DcsState } from '../store.ts';

/**
 * CreateMigrationTask (seed 004): the body by the contract's validator, then the target instance must
 * be one of the project's (contract: target-instance-exists, 404). The answer is `{id, name, status}`
 * with a 32-hex id like the seed's example and the example's status `MIGRATING`.
 */
export function createMigrationTask(contract: Contract, state: DcsState, settings: EmulatorSettings): (body: Record<string, unknown>) => Response {
  requireStateful(contract, ['target-instance-exists']);
  const check = createRequestCheck(contract, settings);
  const { faults } = settings;
  return (body) => {
    const invalid = check(body);
    if (invalid) return invalid;
    const targetId = (body['target_instance'] as { id?: unknown } | undefined)?.id;
    const known = state.target.fixtures.redisInstances.some((i) => i.id === targetId);
    if (targetId !== undefined && !known && !faults.has('dcs-unknown-target-accepted')) return errorResponse(contract, statefulError(contract, 'target-instance-exists')!);
    const task = { id: randomBytes(16).toString('hex'), kind: 'migration' as const, name: String(body['task_name']) };
    state.tasks.set(task.id, task);
    return json(200, { id: task.id, name: task.name, status: 'MIGRATING' });
  };
}
