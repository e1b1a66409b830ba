import { randomBytes } from 'node:crypto';
import type { Contract } from '../../src/contract/load.ts';
import { createRequestCheck } from '../check-request.ts';
import { enforces, invalidParameter, requireStateful, statefulError, type ErrorAnswer } from '../documented-error.ts';
import { errorResponse, json, newRequestId } from '../responses.ts';
import type { EmulatorSettings } from '../settings.ts';
import type { SmcState } from '../store.ts';

/** A JobId like the documents' `j-bp17bclvg344jlyt****`: `j-` and 20 lower-case characters. */
function newJobId(): string {
  return `j-${randomBytes(10).toString('hex')}`;
}

const numberOrUndefined = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const stringOrUndefined = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The state a job has while the emulator holds it: the first of the incomplete states the contract lists. */
function heldJobState(contract: Contract): string {
  return contract.document.stateful.find((r) => r.id === 'one-incomplete-job-per-source')?.incompleteStates?.[0] ?? 'Ready';
}

/**
 * CreateReplicationJob (seeds 000/001): the parameters by the contract's validator, then the
 * contract's stateful rules in a fixed order — source exists and is Available, no other incomplete
 * job on it, unique name, unused ImageName (only where the edition documents that code), data disk
 * indexes and sizes, VSwitch in VPC, quota. ClientToken repeats return the first JobId.
 * Codes and messages come from the contract; the order of checks is ours (README).
 */
export function createReplicationJob(contract: Contract, state: SmcState, settings: EmulatorSettings): (request: Record<string, unknown>) => Response {
  requireStateful(contract, ['source-must-be-available', 'one-incomplete-job-per-source', 'unique-job-name', 'data-disk-index-exists', 'vswitch-in-vpc', 'job-quota']);
  const check = createRequestCheck(contract, settings);
  const { faults } = settings;
  const jobState = heldJobState(contract);
  const refuse = (answer: ErrorAnswer) => errorResponse(contract, answer);
  const imageNamesAreUnique = enforces(contract, 'image-name-used-by-job');
  return (request) => {
    const invalid = check(request);
    if (invalid) return invalid;
    if (faults.has('rejects-twenty-tags') && Array.isArray(request['Tag']) && request['Tag'].length >= 20) return refuse(invalidParameter(contract, 'Tag'));

    // Idempotency comes first: a repeat must not trip over the job its first call created.
    const token = stringOrUndefined(request['ClientToken']);
    const earlier = token === undefined || faults.has('idempotency-ignored') ? undefined : state.tokens.get(token);
    if (earlier) return json(200, { RequestId: newRequestId(), JobId: earlier });

    const source = state.target.fixtures.sources.find((s) => s.id === request['SourceId']);
    // No code is documented for an unknown source (contract: source-must-exist).
    if (!source) return refuse(invalidParameter(contract, 'SourceId', 'No source server has this id.'));
    if (source.state !== 'Available' && !faults.has('unavailable-source-accepted')) return refuse(statefulError(contract, 'source-must-be-available', [source.state, 'Available'])!);
    const jobs = [...state.jobs.values()];
    if (jobs.some((j) => j.sourceId === source.id) && !faults.has('busy-source-accepted')) return refuse(statefulError(contract, 'one-incomplete-job-per-source', [jobState, 'Available'])!);

    const name = stringOrUndefined(request['Name']);
    if (name !== undefined && jobs.some((j) => j.name === name) && !faults.has('names-not-unique')) {
      return refuse(faults.has('wrong-code-duplicate-name') ? invalidParameter(contract, 'Name') : statefulError(contract, 'unique-job-name')!);
    }
    const imageName = stringOrUndefined(request['ImageName']);
    if (imageNamesAreUnique && imageName !== undefined && jobs.some((j) => j.imageName === imageName) && !faults.has('image-name-reuse')) {
      return refuse(statefulError(contract, 'image-name-used-by-job', [imageName])!);
    }

    const disks = Array.isArray(request['DataDisk']) ? (request['DataDisk'] as Record<string, unknown>[]) : [];
    for (const [position, disk] of disks.entries()) {
      const onSource = source.dataDisks?.find((d) => d.index === disk['Index']);
      if (disk['Index'] !== undefined && !onSource) return refuse(statefulError(contract, 'data-disk-index-exists')!);
      const size = numberOrUndefined(disk['Size']);
      // No code is documented for a size not above the used space (contract: disk-size-above-used).
      if (onSource && size !== undefined && size <= onSource.usedGiB) {
        return refuse(invalidParameter(contract, `DataDisk.${position + 1}.Size`, `It must be greater than the ${onSource.usedGiB} GiB used on source data disk ${onSource.index}.`));
      }
    }
    const systemSizes: [string, number | undefined][] = [
      ['SystemDiskSize', numberOrUndefined(request['SystemDiskSize'])],
      ['Disks.System.Size', numberOrUndefined((request['Disks'] as { System?: { Size?: unknown } } | undefined)?.System?.Size)],
    ];
    for (const [parameter, size] of systemSizes) {
      if (size !== undefined && size <= source.systemDiskUsedGiB) {
        return refuse(invalidParameter(contract, parameter, `It must be greater than the ${source.systemDiskUsedGiB} GiB used on the source system disk.`));
      }
    }

    const vpcs = state.target.fixtures.vpcs ?? [];
    const vSwitch = stringOrUndefined(request['VSwitchId']);
    const vpcId = stringOrUndefined(request['VpcId']);
    if (vSwitch !== undefined && !faults.has('vswitch-mismatch-accepted')) {
      if (vpcId !== undefined && !vpcs.find((v) => v.vpcId === vpcId)?.vSwitchIds.includes(vSwitch)) return refuse(statefulError(contract, 'vswitch-in-vpc')!);
      // Without VpcId there is nothing to mismatch; an unknown switch has no documented code.
      if (vpcId === undefined && !vpcs.some((v) => v.vSwitchIds.includes(vSwitch))) return refuse(invalidParameter(contract, 'VSwitchId', 'No virtual switch has this id.'));
    }
    if (!faults.has('quota-unenforced') && state.jobs.size >= state.quota + (faults.has('quota-off-by-one') ? 1 : 0)) return refuse(statefulError(contract, 'job-quota')!);

    const job = { id: newJobId(), sourceId: source.id, state: jobState, ...(name !== undefined ? { name } : {}), ...(imageName !== undefined ? { imageName } : {}), ...(token !== undefined ? { clientToken: token } : {}) };
    state.jobs.set(job.id, job);
    if (token !== undefined) state.tokens.set(token, job.id);
    return json(200, { RequestId: newRequestId(), JobId: job.id });
  };
}
