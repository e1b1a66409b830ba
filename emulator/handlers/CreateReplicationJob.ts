import { randomBytes } from 'node:crypto';
import type { Contract } from '../../src/contract/load.ts';
import { createRequestValidator } from '../../src/contract/validator.ts';
import type { Clock } from '../../src/keywords/clock.ts';
import type { FaultName } from '../faults.ts';
import { alibabaError, json, newRequestId } from '../responses.ts';
import type { Store } from '../store.ts';
import { validationError } from '../validation-answer.ts';

type Smc = NonNullable<Store['smc']>;

/** Violations a fault lets through. */
const tolerated: Partial<Record<FaultName, (rule: string, request: Record<string, unknown>, contract: Contract) => boolean>> = {
  'range-off-by-one': (rule, request, contract) =>
    rule === 'SystemDiskSize.maximum' && request['SystemDiskSize'] === (contract.rules.find((r) => r.id === rule)?.params['limit'] as number) + 1,
  'conditional-unenforced': (rule) => rule === 'VSwitchId.requiredWhen.NetMode',
  'tag-prefix-accepted': (rule) => rule === 'Tag.Key.forbiddenPrefixes',
  'past-schedule-accepted': (rule) => rule === 'ScheduledStartTime.timeWindow.after',
  'enum-unenforced': (rule) => rule === 'NetMode.enum',
  'name-length-unenforced': (rule) => rule === 'Name.maxLength',
};

function newJobId(): string {
  return `j-${randomBytes(10).toString('hex')}`;
}

const number = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/**
 * CreateReplicationJob: the documented rules in the documented order — parameters (the contract's
 * validator, every ambiguous rule read strictly), then the source, names, disks, network and quota.
 */
export function createReplicationJob(contract: Contract, store: Smc, faults: ReadonlySet<FaultName>, clock: Clock): (params: Record<string, unknown>) => Response {
  const validate = createRequestValidator(contract, { clock });
  const current = contract.document.edition === 'current';
  const invalid = (message: string) => alibabaError(400, 'InvalidParameter', message);
  return (request) => {
    const violation = validate(request).violations.find((v) => ![...faults].some((f) => tolerated[f]?.(v.rule, request, contract)));
    if (violation) {
      const { code, message } = validationError(contract, violation);
      if (faults.has('validation-500')) return alibabaError(500, 'InternalError', 'An error occurred while processing your request.');
      return alibabaError(faults.has('status-404-for-validation') ? 404 : 400, code, message);
    }
    if (faults.has('rejects-twenty-tags') && Array.isArray(request['Tag']) && request['Tag'].length >= 20) return invalid('The specified value of parameter "Tag" is not valid.');
    const token = typeof request['ClientToken'] === 'string' ? request['ClientToken'] : undefined;
    const earlier = token === undefined || faults.has('idempotency-ignored') ? undefined : store.tokens.get(token);
    if (earlier) return json(200, { RequestId: newRequestId(), JobId: earlier });

    const source = store.target.fixtures.sources.find((s) => s.id === request['SourceId']);
    if (!source) return invalid('The specified value of parameter "SourceId" is not valid: no such source server.');
    if (source.state !== 'Available' && !faults.has('unavailable-source-accepted'))
      return alibabaError(400, 'SourceServerState.Invalid', current ? `The specified source server status: ${source.state} is invalid. This operation can only be performed in the following status: Available.` : 'The specified source server status is invalid.');
    const jobs = [...store.jobs.values()];
    if (jobs.some((j) => j.sourceId === source.id) && !faults.has('busy-source-accepted'))
      return alibabaError(400, 'SourceServerState.Invalid', current ? 'The specified source server status: Ready is invalid. This operation can only be performed in the following status: Available.' : 'The specified source server status is invalid.');
    const name = typeof request['Name'] === 'string' ? request['Name'] : undefined;
    if (name !== undefined && jobs.some((j) => j.name === name) && !faults.has('names-not-unique'))
      return faults.has('wrong-code-duplicate-name') ? invalid('The specified value of parameter "Name" is not valid.') : alibabaError(400, 'ReplicationJobName.Duplicate', 'The specified replication job name already exists.');
    const imageName = typeof request['ImageName'] === 'string' ? request['ImageName'] : undefined;
    if (current && imageName !== undefined && jobs.some((j) => j.imageName === imageName) && !faults.has('image-name-reuse'))
      return alibabaError(400, 'ImageName.UsedByReplicationJob', `The specified imageName: "${imageName}" was used by another replication job in the current region.`);

    const disks = Array.isArray(request['DataDisk']) ? (request['DataDisk'] as Record<string, unknown>[]) : [];
    for (const disk of disks) {
      const onSource = source.dataDisks?.find((d) => d.index === disk['Index']);
      if (disk['Index'] !== undefined && !onSource) return alibabaError(400, 'ReplicationJobDataDiskIndex.Invalid', 'The specified replication job contains data disk index not found in source server.');
      const size = number(disk['Size']);
      // The docs give no code for a size not above the used space; InvalidParameter is the global one.
      if (onSource && size !== undefined && size <= onSource.usedGiB) return invalid(`The specified value of parameter "DataDisk.${disk['Index']}.Size" is not valid: it must be greater than the ${onSource.usedGiB} GiB used on the source disk.`);
    }
    const systemSizes = [number(request['SystemDiskSize']), number((request['Disks'] as { System?: { Size?: unknown } } | undefined)?.System?.Size)];
    if (systemSizes.some((size) => size !== undefined && size <= source.systemDiskUsedGiB))
      return invalid(`The specified value of parameter "SystemDiskSize" is not valid: it must be greater than the ${source.systemDiskUsedGiB} GiB used on the source system disk.`);

    const vpcs = store.target.fixtures.vpcs ?? [];
    const vSwitch = request['VSwitchId'];
    const vpcId = request['VpcId'];
    if (vSwitch !== undefined && vpcId !== undefined && !faults.has('vswitch-mismatch-accepted')) {
      const vpc = vpcs.find((v) => v.vpcId === vpcId);
      if (!vpc?.vSwitchIds.includes(String(vSwitch))) return alibabaError(400, 'VSwitchIdVpcId.Mismatch', 'The specified VSwitchId and VpcId does not match.');
    } else if (vSwitch !== undefined && !vpcs.some((v) => v.vSwitchIds.includes(String(vSwitch))) && !faults.has('vswitch-mismatch-accepted')) {
      return invalid('The specified value of parameter "VSwitchId" is not valid: no such virtual switch.');
    }
    if (store.jobs.size >= store.quota + (faults.has('quota-off-by-one') ? 1 : 0))
      return alibabaError(400, 'QuotaExceeded.ReplicationJob', 'The maximum number of replication jobs is exceeded. Please submit a ticket to raise the quota.');

    const job = { id: newJobId(), sourceId: source.id, ...(name !== undefined ? { name } : {}), ...(imageName !== undefined ? { imageName } : {}), ...(token !== undefined ? { clientToken: token } : {}) };
    store.jobs.set(job.id, job);
    if (token !== undefined) store.tokens.set(token, job.id);
    return json(200, { RequestId: newRequestId(), JobId: job.id });
  };
}
