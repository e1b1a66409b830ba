import { randomBytes, randomUUID } from 'node:crypto';
import type { Contract } from '../../src/contract/load.ts';
import { createRequestValidator } from '../../src/contract/validator.ts';
import type { Clock } from '../../src/keywords/clock.ts';
import type { FaultName } from '../faults.ts';
import { dcsError, json } from '../responses.ts';
import type { Store } from '../store.ts';
import { validationError } from '../validation-answer.ts';

type Dcs = NonNullable<Store['dcs']>;

/** Validates a DCS body by the contract; the error answer of the first broken rule, if any. */
function validationAnswer(contract: Contract, faults: ReadonlySet<FaultName>, clock: Clock): (body: Record<string, unknown>) => Response | undefined {
  const validate = createRequestValidator(contract, { clock });
  return (body) => {
    const violation = validate(body).violations.find((v) => !(faults.has('dcs-target-id-optional') && v.rule === 'target_instance.id.required'));
    if (!violation) return undefined;
    const { code, message } = validationError(contract, violation);
    if (faults.has('validation-500')) return dcsError(500, 'DCS.5000', 'Internal service error.');
    return dcsError(faults.has('status-404-for-validation') ? 404 : 400, code, message);
  };
}

/** CreateMigrationTask (seed 004): the target instance must exist; the answer is {id, name, status}. */
export function createMigrationTask(contract: Contract, store: Dcs, faults: ReadonlySet<FaultName>, clock: Clock): (body: Record<string, unknown>) => Response {
  const invalid = validationAnswer(contract, faults, clock);
  return (body) => {
    const answer = invalid(body);
    if (answer) return answer;
    const target = body['target_instance'] as { id?: string } | undefined;
    if (target?.id !== undefined && !store.target.fixtures.redisInstances.some((i) => i.id === target.id) && !faults.has('dcs-unknown-target-accepted')) return dcsError(404, 'DCS.3022', 'This DCS instance does not exist.');
    const task = { id: randomBytes(16).toString('hex'), kind: 'migration' as const, name: String(body['task_name']) };
    store.tasks.set(task.id, task);
    return json(200, { id: task.id, name: task.name, status: faults.has('dcs-status-outside-enum') ? 'RUNNING' : 'MIGRATING' });
  };
}

/** CreateOnlineMigrationTask (seed 003): the VPC, its subnet and the security group must exist; the answer is {instance_id}. */
export function createOnlineMigrationTask(contract: Contract, store: Dcs, faults: ReadonlySet<FaultName>, clock: Clock): (body: Record<string, unknown>) => Response {
  const invalid = validationAnswer(contract, faults, clock);
  return (body) => {
    const answer = invalid(body);
    if (answer) return answer;
    const vpcs = store.target.fixtures.vpcs ?? [];
    const vpc = vpcs.find((v) => v.vpcId === body['vpc_id']) ?? (faults.has('dcs-unknown-vpc-accepted') ? vpcs[0] : undefined);
    if (!vpc) return dcsError(400, 'DCS.4068', 'VPC does not exist.');
    if (!vpc.subnetIds.includes(String(body['subnet_id']))) return dcsError(400, 'DCS.4018', 'This subnet must exist in the VPC.');
    if (!vpc.securityGroupIds.includes(String(body['security_group_id']))) return dcsError(400, 'DCS.4046', 'Security group does not exist.');
    const task = { id: randomUUID(), kind: 'online' as const, name: String(body['name']) };
    store.tasks.set(task.id, task);
    return json(200, { instance_id: task.id });
  };
}
