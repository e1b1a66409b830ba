import { randomUUID } from 'node:crypto';
import type { Contract } from '../../src/contract/load.ts';
import { createRequestCheck } from '../check-request.ts';
import { requireStateful, statefulError } from '../documented-error.ts';
import { errorResponse, json } from '../responses.ts';
import type { EmulatorSettings } from '../settings.ts';
import type { DcsState } from '../store.ts';

/**
 * CreateOnlineMigrationTask (seed 003): the body by the contract's validator, then the VPC, its subnet
 * and the security group must be the project's (contract: vpc-exists, subnet-in-vpc,
 * security-group-exists). The answer is `{instance_id}`, a UUID like the seed's example.
 */
export function createOnlineMigrationTask(contract: Contract, state: DcsState, settings: EmulatorSettings): (body: Record<string, unknown>) => Response {
  requireStateful(contract, ['vpc-exists', 'subnet-in-vpc', 'security-group-exists']);
  const check = createRequestCheck(contract, settings);
  const { faults } = settings;
  return (body) => {
    const invalid = check(body);
    if (invalid) return invalid;
    const vpcs = state.target.fixtures.vpcs ?? [];
    const vpc = vpcs.find((v) => v.vpcId === body['vpc_id']) ?? (faults.has('dcs-unknown-vpc-accepted') ? vpcs[0] : undefined);
    if (!vpc) return errorResponse(contract, statefulError(contract, 'vpc-exists')!);
    if (!vpc.subnetIds.includes(String(body['subnet_id']))) return errorResponse(contract, statefulError(contract, 'subnet-in-vpc')!);
    if (!vpc.securityGroupIds.includes(String(body['security_group_id']))) return errorResponse(contract, statefulError(contract, 'security-group-exists')!);
    const task = { id: randomUUID(), kind: 'online' as const, name: String(body['name']) };
    state.tasks.set(task.id, task);
    return json(200, { instance_id: task.id });
  };
}
