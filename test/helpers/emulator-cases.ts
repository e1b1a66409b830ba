import { loadContract } from '../../src/contract/load.ts';
import { buildRpcRequest } from '../../src/protocols/alibaba-rpc-client.ts';
import { buildRestRequest } from '../../src/protocols/huawei-rest-client.ts';
import type { WireRequest } from '../../src/protocols/wire-request.ts';
import { loadProfile, type AlibabaSmcTarget } from '../../src/profile/load-profile.ts';

const profile = loadProfile();
const projectId = profile.targets['huawei-dcs']!.projectId;
const currentExample = loadContract('alibaba-smc/CreateReplicationJob@current').examples.request;

/** An SMC call on `base`. */
export function smc(base: string, params: Record<string, unknown>, action = 'CreateReplicationJob', version = '2019-06-01'): WireRequest {
  return buildRpcRequest(params, { endpoint: base, action, version });
}

/** A DCS call on `base`. */
export function dcs(base: string, path: string, body: unknown, method = 'POST'): WireRequest {
  return buildRestRequest(body, { endpoint: base, method, path, pathParameters: { project_id: projectId } });
}

const source = (n: number) => `s-bp1e2fsl57knvuug000${n}`;
const minimal = { RegionId: 'cn-hangzhou', SourceId: source(1) };
const target = { id: '4cd5dbb8-aacd-4603-b817-3e97d48c7a20' };
const migration = { task_name: 't', migration_type: 'online_migration', migration_method: 'full_amount_migration', source_instance: { addrs: '10.0.0.1:6379' }, target_instance: target };
const online = { name: 'o', vpc_id: '5e37b3be-950a-48e1-b498-65b63d336481', subnet_id: '40f15ed6-7f85-49d5-ba0e-65b940d4812c', security_group_id: '9df96622-24b7-4813-84b8-ab74552a21d7' };

/** A documented error the emulator must give: the calls before (which must succeed), the call, the expected answer. */
export interface ErrorCase {
  readonly name: string;
  readonly edition?: '2019' | 'current';
  readonly quota?: number;
  readonly before?: (base: string) => WireRequest[];
  readonly call: (base: string) => WireRequest;
  readonly status: number;
  readonly code: string;
}

/** Every documented error code a request can trigger without credentials (signature errors have their own tests). */
export const errorCases: readonly ErrorCase[] = [
  { name: 'source not Available', call: (b) => smc(b, { ...minimal, SourceId: source(5) }), status: 400, code: 'SourceServerState.Invalid' },
  { name: 'source busy with an incomplete job', before: (b) => [smc(b, minimal)], call: (b) => smc(b, minimal), status: 400, code: 'SourceServerState.Invalid' },
  { name: 'job name taken', before: (b) => [smc(b, { ...minimal, Name: 'job1' })], call: (b) => smc(b, { ...minimal, SourceId: source(2), Name: 'job1' }), status: 400, code: 'ReplicationJobName.Duplicate' },
  { name: 'image name used by another job', before: (b) => [smc(b, { ...minimal, ImageName: 'img1' })], call: (b) => smc(b, { ...minimal, SourceId: source(2), ImageName: 'img1' }), status: 400, code: 'ImageName.UsedByReplicationJob' },
  { name: 'data disk index not on the source', call: (b) => smc(b, { ...minimal, SourceId: source(2), DataDisk: [{ Index: 2, Size: 100 }] }), status: 400, code: 'ReplicationJobDataDiskIndex.Invalid' },
  { name: 'VSwitch not in the VPC', call: (b) => smc(b, { ...minimal, VpcId: 'vpc-bp1vwnn14rqpyiczj0002', VSwitchId: 'vsw-bp1ddbrxdlrcbim460001' }), status: 400, code: 'VSwitchIdVpcId.Mismatch' },
  { name: 'quota reached', quota: 1, before: (b) => [smc(b, minimal)], call: (b) => smc(b, { ...minimal, SourceId: source(2) }), status: 400, code: 'QuotaExceeded.ReplicationJob' },
  { name: 'quota of the 2019 edition', edition: '2019', quota: 1, before: (b) => [smc(b, { ...minimal, SystemDiskSize: 80 })], call: (b) => smc(b, { ...minimal, SourceId: source(2), SystemDiskSize: 80 }), status: 400, code: 'QuotaExceeded.ReplicationJob' },
  { name: 'missing SourceId', call: (b) => smc(b, { RegionId: 'cn-hangzhou' }), status: 400, code: 'MissingParameter' },
  { name: 'missing conditional VSwitchId', call: (b) => smc(b, { ...minimal, NetMode: 2 }), status: 400, code: 'MissingParameter' },
  { name: 'SystemDiskSize above 2048', call: (b) => smc(b, { ...minimal, SystemDiskSize: 2049 }), status: 400, code: 'InvalidParameter' },
  { name: 'SystemDiskSize above 500 (2019)', edition: '2019', call: (b) => smc(b, { ...minimal, SystemDiskSize: 501 }), status: 400, code: 'InvalidParameter' },
  // No code is documented for a size not above the used space; the emulator answers the global InvalidParameter.
  { name: 'a size not above the used space', call: (b) => smc(b, { ...minimal, SourceId: 's-xxxxxxxxxxxxxxx', SystemDiskSize: 30 }), status: 400, code: 'InvalidParameter' },
  { name: 'unknown Action', call: (b) => smc(b, minimal, 'DescribeNothing'), status: 404, code: 'InvalidAction.NotFound' },
  { name: 'wrong Version', call: (b) => smc(b, minimal, 'CreateReplicationJob', '2020-01-01'), status: 400, code: 'InvalidVersion' },
  { name: 'DCS unknown target instance', call: (b) => dcs(b, '/v2/{project_id}/migration-task', { ...migration, target_instance: { id: 'nope' } }), status: 404, code: 'DCS.3022' },
  { name: 'DCS missing target_instance.id', call: (b) => dcs(b, '/v2/{project_id}/migration-task', { ...migration, target_instance: {} }), status: 400, code: 'DCS.4062' },
  { name: 'DCS online: unknown VPC', call: (b) => dcs(b, '/v2/{project_id}/migration/instance', { ...online, vpc_id: 'nope' }), status: 400, code: 'DCS.4068' },
  { name: 'DCS online: subnet not in the VPC', call: (b) => dcs(b, '/v2/{project_id}/migration/instance', { ...online, subnet_id: 'nope' }), status: 400, code: 'DCS.4018' },
  { name: 'DCS online: unknown security group', call: (b) => dcs(b, '/v2/{project_id}/migration/instance', { ...online, security_group_id: 'nope' }), status: 400, code: 'DCS.4046' },
  { name: 'DCS empty body', call: (b) => ({ ...dcs(b, '/v2/{project_id}/migration-task', undefined), body: '' }), status: 400, code: 'DCS.4004' },
  { name: 'DCS malformed JSON', call: (b) => ({ ...dcs(b, '/v2/{project_id}/migration-task', migration), body: '{"task_name":' }), status: 400, code: 'DCS.4005' },
  { name: 'DCS wrong content type', call: (b) => { const r = dcs(b, '/v2/{project_id}/migration-task', migration); return { ...r, headers: { ...r.headers, 'content-type': 'text/plain' } }; }, status: 400, code: 'DCS.4005' },
  { name: 'DCS unknown project', call: (b) => ({ ...dcs(b, '/v2/{project_id}/migration-task', migration), url: `${b}/v2/other-project/migration-task` }), status: 404, code: 'DCS.4001' },
  { name: 'DCS unknown path', call: (b) => ({ ...dcs(b, '/v2/{project_id}/migration-task', migration), url: `${b}/v2/x/nothing` }), status: 404, code: 'APIGW.0101' },
];

/** The seeds' example requests, as wire requests. */
export function seedExamples(base: string): { name: string; request: WireRequest; status: number }[] {
  return [
    { name: 'seed 000', request: smc(base, loadContract('alibaba-smc/CreateReplicationJob@2019').examples.request), status: 200 },
    { name: 'seed 001', request: smc(base, currentExample), status: 200 },
    { name: 'seed 003', request: dcs(base, '/v2/{project_id}/migration/instance', loadContract('huawei-dcs/CreateOnlineMigrationTask').examples.request), status: 200 },
    { name: 'seed 004', request: dcs(base, '/v2/{project_id}/migration-task', loadContract('huawei-dcs/CreateMigrationTask').examples.request), status: 200 },
  ];
}

/** `count` Available source servers with no data disk, ids `${prefix}0`…: enough that one-job-per-source never limits a test. */
export function manySources(prefix: string, count: number): AlibabaSmcTarget['fixtures']['sources'] {
  const make = (i: number) => ({ id: `${prefix}${i}`, state: 'Available', systemDiskUsedGiB: 1, dataDisks: [] });
  return [make(0), ...Array.from({ length: count - 1 }, (_, i) => make(i + 1))];
}
