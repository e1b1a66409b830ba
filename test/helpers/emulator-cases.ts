import { loadContract } from '../../src/contract/load.ts';
import { buildRpcRequest, type AlibabaCredentials } from '../../src/protocols/alibaba-rpc-client.ts';
import { buildRestRequest, type HuaweiCredentials } from '../../src/protocols/huawei-rest-client.ts';
import type { WireRequest } from '../../src/protocols/wire-request.ts';
import { loadProfile, type AlibabaSmcTarget, type TargetProfile } from '../../src/profile/load-profile.ts';

const profile = loadProfile();
const projectId = profile.targets['huawei-dcs']!.projectId;
const currentExample = loadContract('alibaba-smc/CreateReplicationJob@current').examples.request;

/** The AccessKey pair of {@link signedProfile}. */
export const testKeys = { id: 'LTAI5tTestAccessKeyId', secret: 'test-access-key-secret-123' } as const;

/** The default profile with credentials on both targets: the emulator then verifies every signature. */
export const signedProfile: TargetProfile = {
  targets: {
    'alibaba-smc': { ...profile.targets['alibaba-smc']!, credentials: { accessKeyId: testKeys.id, accessKeySecret: testKeys.secret } },
    'huawei-dcs': { ...profile.targets['huawei-dcs']!, credentials: { ak: testKeys.id, sk: testKeys.secret } },
  },
};

/** An SMC call on `base`. */
export function smc(base: string, params: Record<string, unknown>, action = 'CreateReplicationJob', version = '2019-06-01', extra: { credentials?: AlibabaCredentials; now?: Date; nonce?: string } = {}): WireRequest {
  return buildRpcRequest(params, { endpoint: base, action, version, ...extra });
}

/** A DCS call on `base`. */
export function dcs(base: string, path: string, body: unknown, method = 'POST', extra: { credentials?: HuaweiCredentials; now?: Date } = {}): WireRequest {
  return buildRestRequest(body, { endpoint: base, method, path, pathParameters: { project_id: projectId }, ...extra });
}

/** The request with one header set. */
function withHeader(request: WireRequest, name: string, value: string): WireRequest {
  return { ...request, headers: { ...request.headers, [name]: value } };
}

const source = (n: number) => `s-bp1e2fsl57knvuug000${n}`;
const minimal = { RegionId: 'cn-hangzhou', SourceId: source(1) };
const minimal2019 = { ...minimal, SystemDiskSize: 80 };
const target = { id: '4cd5dbb8-aacd-4603-b817-3e97d48c7a20' };
const migration = { task_name: 't', migration_type: 'online_migration', migration_method: 'full_amount_migration', source_instance: { addrs: '10.0.0.1:6379' }, target_instance: target };
const online = { name: 'o', vpc_id: '5e37b3be-950a-48e1-b498-65b63d336481', subnet_id: '40f15ed6-7f85-49d5-ba0e-65b940d4812c', security_group_id: '9df96622-24b7-4813-84b8-ab74552a21d7' };
const migrationPath = '/v2/{project_id}/migration-task';
const onlinePath = '/v2/{project_id}/migration/instance';
const alibabaKeys = (secret: string = testKeys.secret, signature: 'v1' | 'acs3' = 'v1'): AlibabaCredentials => ({ accessKeyId: testKeys.id, accessKeySecret: secret, signature });
const huaweiKeys = (sk: string = testKeys.secret): HuaweiCredentials => ({ ak: testKeys.id, sk });

/** A documented error the emulator must give: the calls before (which must succeed), the call, the expected answer. */
export interface ErrorCase {
  readonly name: string;
  readonly edition?: '2019' | 'current';
  readonly quota?: number;
  /** Run against {@link signedProfile} (signatures verified). */
  readonly signed?: boolean;
  readonly before?: (base: string) => WireRequest[];
  readonly call: (base: string) => WireRequest;
  readonly status: number;
  readonly code: string;
}

/**
 * Every documented error code a request can trigger, each through the path that triggers it: the
 * operations' error tables (both SMC editions), the contracts' stateful rules, the wire (Action,
 * Version, encoding, size, content type) and signatures. Shared by the node:http and msw tests.
 */
export const errorCases: readonly ErrorCase[] = [
  // SMC, current edition: the error table and stateful rules
  { name: 'source not Available', call: (b) => smc(b, { ...minimal, SourceId: source(5) }), status: 400, code: 'SourceServerState.Invalid' },
  { name: 'source busy with an incomplete job', before: (b) => [smc(b, minimal)], call: (b) => smc(b, minimal), status: 400, code: 'SourceServerState.Invalid' },
  { name: 'job name taken', before: (b) => [smc(b, { ...minimal, Name: 'job1' })], call: (b) => smc(b, { ...minimal, SourceId: source(2), Name: 'job1' }), status: 400, code: 'ReplicationJobName.Duplicate' },
  { name: 'image name used by another job', before: (b) => [smc(b, { ...minimal, ImageName: 'img1' })], call: (b) => smc(b, { ...minimal, SourceId: source(2), ImageName: 'img1' }), status: 400, code: 'ImageName.UsedByReplicationJob' },
  { name: 'data disk index not on the source', call: (b) => smc(b, { ...minimal, SourceId: source(2), DataDisk: [{ Index: 2, Size: 100 }] }), status: 400, code: 'ReplicationJobDataDiskIndex.Invalid' },
  { name: 'VSwitch not in the VPC', call: (b) => smc(b, { ...minimal, VpcId: 'vpc-bp1vwnn14rqpyiczj0002', VSwitchId: 'vsw-bp1ddbrxdlrcbim460001' }), status: 400, code: 'VSwitchIdVpcId.Mismatch' },
  { name: 'quota reached', quota: 1, before: (b) => [smc(b, minimal)], call: (b) => smc(b, { ...minimal, SourceId: source(2) }), status: 400, code: 'QuotaExceeded.ReplicationJob' },
  // SMC, 2019 edition: the same codes under its own table
  { name: 'source not Available (2019)', edition: '2019', call: (b) => smc(b, { ...minimal2019, SourceId: source(5) }), status: 400, code: 'SourceServerState.Invalid' },
  { name: 'source busy (2019)', edition: '2019', before: (b) => [smc(b, minimal2019)], call: (b) => smc(b, minimal2019), status: 400, code: 'SourceServerState.Invalid' },
  { name: 'job name taken (2019)', edition: '2019', before: (b) => [smc(b, { ...minimal2019, Name: 'job1' })], call: (b) => smc(b, { ...minimal2019, SourceId: source(2), Name: 'job1' }), status: 400, code: 'ReplicationJobName.Duplicate' },
  { name: 'data disk index not on the source (2019)', edition: '2019', call: (b) => smc(b, { ...minimal2019, SourceId: source(2), DataDisk: [{ Index: 2, Size: 100 }] }), status: 400, code: 'ReplicationJobDataDiskIndex.Invalid' },
  { name: 'VSwitch not in the VPC (2019)', edition: '2019', call: (b) => smc(b, { ...minimal2019, VpcId: 'vpc-bp1vwnn14rqpyiczj0002', VSwitchId: 'vsw-bp1ddbrxdlrcbim460001' }), status: 400, code: 'VSwitchIdVpcId.Mismatch' },
  { name: 'quota of the 2019 edition', edition: '2019', quota: 1, before: (b) => [smc(b, minimal2019)], call: (b) => smc(b, { ...minimal2019, SourceId: source(2) }), status: 400, code: 'QuotaExceeded.ReplicationJob' },
  // SMC parameters: the global codes
  { name: 'missing SourceId', call: (b) => smc(b, { RegionId: 'cn-hangzhou' }), status: 400, code: 'MissingParameter' },
  { name: 'missing SystemDiskSize (2019)', edition: '2019', call: (b) => smc(b, minimal), status: 400, code: 'MissingParameter' },
  { name: 'missing conditional VSwitchId', call: (b) => smc(b, { ...minimal, NetMode: 2 }), status: 400, code: 'MissingParameter' },
  { name: 'SystemDiskSize above 2048', call: (b) => smc(b, { ...minimal, SystemDiskSize: 2049 }), status: 400, code: 'InvalidParameter' },
  { name: 'SystemDiskSize above 500 (2019)', edition: '2019', call: (b) => smc(b, { ...minimal, SystemDiskSize: 501 }), status: 400, code: 'InvalidParameter' },
  { name: 'SystemDiskSize not a number', call: (b) => smc(b, { ...minimal, SystemDiskSize: 'abc' }), status: 400, code: 'InvalidParameter' },
  // No code is documented for these; the emulator answers the global InvalidParameter (README).
  { name: 'a size not above the used space', call: (b) => smc(b, { ...minimal, SourceId: 's-xxxxxxxxxxxxxxx', SystemDiskSize: 30 }), status: 400, code: 'InvalidParameter' },
  { name: 'an unknown SourceId', call: (b) => smc(b, { ...minimal, SourceId: 's-nosuchsource' }), status: 400, code: 'InvalidParameter' },
  { name: 'DeleteReplicationJob of an unknown job', call: (b) => smc(b, { RegionId: 'cn-hangzhou', JobId: 'j-nosuchjob' }, 'DeleteReplicationJob'), status: 400, code: 'InvalidParameter' },
  // SMC wire
  { name: 'unknown Action', call: (b) => smc(b, minimal, 'DescribeNothing'), status: 404, code: 'InvalidAction.NotFound' },
  { name: 'a path other than /', call: (b) => ({ ...smc(b, minimal), url: `${b}/smc/` }), status: 404, code: 'InvalidAction.NotFound' },
  { name: 'wrong Version', call: (b) => smc(b, minimal, 'CreateReplicationJob', '2020-01-01'), status: 400, code: 'InvalidVersion' },
  { name: 'no Action', call: (b) => ({ method: 'GET', url: `${b}/?Version=2019-06-01&RegionId=cn-hangzhou`, headers: {} }), status: 400, code: 'MissingParameter' },
  { name: 'a parameter given twice', call: (b) => ({ method: 'GET', url: `${b}/?Action=CreateReplicationJob&Version=2019-06-01&RegionId=a&RegionId=b&SourceId=${source(1)}`, headers: {} }), status: 400, code: 'InvalidParameter' },
  { name: 'broken percent-encoding', call: (b) => ({ method: 'GET', url: `${b}/?Action=CreateReplicationJob&Version=2019-06-01&RegionId=%E4%ZZ&SourceId=${source(1)}`, headers: {} }), status: 400, code: 'InvalidParameter' },
  { name: 'an SMC body over 8 MiB', call: (b) => ({ ...smc(b, minimal), body: `Action=CreateReplicationJob&Version=2019-06-01&Name=${'a'.repeat(8 * 1024 * 1024)}` }), status: 400, code: 'InvalidParameter' },
  // SMC signatures
  { name: 'a wrong signature', signed: true, call: (b) => smc(b, minimal, undefined, undefined, { credentials: alibabaKeys('wrong') }), status: 400, code: 'SignatureDoesNotMatch' },
  { name: 'a wrong ACS3 signature', signed: true, call: (b) => smc(b, minimal, undefined, undefined, { credentials: alibabaKeys('wrong', 'acs3') }), status: 400, code: 'SignatureDoesNotMatch' },
  { name: 'a stale Timestamp', signed: true, call: (b) => smc(b, minimal, undefined, undefined, { credentials: alibabaKeys(), now: new Date(Date.now() - 40 * 60_000) }), status: 400, code: 'InvalidTimeStamp.Expired' },
  { name: 'a reused nonce', signed: true, before: (b) => [smc(b, minimal, undefined, undefined, { credentials: alibabaKeys(), nonce: 'n-1' })], call: (b) => smc(b, { ...minimal, SourceId: source(2) }, undefined, undefined, { credentials: alibabaKeys(), nonce: 'n-1' }), status: 400, code: 'SignatureNonceUsed' },
  { name: 'an unknown AccessKeyId', signed: true, call: (b) => smc(b, minimal, undefined, undefined, { credentials: { accessKeyId: 'LTAI-unknown', accessKeySecret: testKeys.secret } }), status: 404, code: 'InvalidAccessKeyId.NotFound' },
  { name: 'no signature', signed: true, call: (b) => smc(b, minimal), status: 400, code: 'MissingParameter' },
  // DCS: stateful rules
  { name: 'DCS unknown target instance', call: (b) => dcs(b, migrationPath, { ...migration, target_instance: { id: 'nope' } }), status: 404, code: 'DCS.3022' },
  { name: 'DCS online: unknown VPC', call: (b) => dcs(b, onlinePath, { ...online, vpc_id: 'nope' }), status: 400, code: 'DCS.4068' },
  { name: 'DCS online: subnet not in the VPC', call: (b) => dcs(b, onlinePath, { ...online, subnet_id: 'nope' }), status: 400, code: 'DCS.4018' },
  { name: 'DCS online: unknown security group', call: (b) => dcs(b, onlinePath, { ...online, security_group_id: 'nope' }), status: 400, code: 'DCS.4046' },
  { name: 'DCS unknown project', call: (b) => ({ ...dcs(b, migrationPath, migration), url: `${b}/v2/other-project/migration-task` }), status: 404, code: 'DCS.4001' },
  // DCS: body rules and the wire
  { name: 'DCS missing target_instance.id', call: (b) => dcs(b, migrationPath, { ...migration, target_instance: {} }), status: 400, code: 'DCS.4062' },
  { name: 'DCS online: missing name', call: (b) => dcs(b, onlinePath, { ...online, name: undefined }), status: 400, code: 'DCS.4062' },
  { name: 'DCS delete without task_id_list', call: (b) => dcs(b, '/v2/{project_id}/migration-tasks/delete', {}, 'DELETE'), status: 400, code: 'DCS.4062' },
  { name: 'DCS empty body', call: (b) => ({ ...dcs(b, migrationPath, undefined), body: '' }), status: 400, code: 'DCS.4004' },
  { name: 'DCS malformed JSON', call: (b) => ({ ...dcs(b, migrationPath, migration), body: '{"task_name":' }), status: 400, code: 'DCS.4005' },
  { name: 'DCS a JSON array', call: (b) => ({ ...dcs(b, migrationPath, migration), body: '[]' }), status: 400, code: 'DCS.4005' },
  { name: 'DCS wrong content type', call: (b) => withHeader(dcs(b, migrationPath, migration), 'content-type', 'text/plain'), status: 400, code: 'DCS.4005' },
  { name: 'DCS body over 1 MiB', call: (b) => dcs(b, migrationPath, { ...migration, description: 'd'.repeat(1024 * 1024) }), status: 413, code: 'APIGW.0201' },
  { name: 'DCS unknown path', call: (b) => ({ ...dcs(b, migrationPath, migration), url: `${b}/v2/x/nothing` }), status: 404, code: 'APIGW.0101' },
  { name: 'DCS wrong method', call: (b) => dcs(b, migrationPath, migration, 'PUT'), status: 404, code: 'APIGW.0101' },
  // DCS signatures
  { name: 'DCS a wrong secret', signed: true, call: (b) => dcs(b, onlinePath, online, 'POST', { credentials: huaweiKeys('wrong') }), status: 401, code: 'APIGW.0301' },
  { name: 'DCS no signature', signed: true, call: (b) => dcs(b, onlinePath, online), status: 401, code: 'APIGW.0301' },
];

/**
 * Documented codes no request can trigger here, with why (README): no security group parameter
 * exists; the OS types and the account state are not part of any request; InternalError is a fault.
 */
export const untriggerableCodes: readonly string[] = ['InvalidSecurityGroupId.IncorrectNetworkType', 'InvalidSecurityGroupId.VPCMismatch', 'InvalidOsMigrationType.NotMatched', 'EntityNotExist.Role', 'RealNameAuthenticationError', 'InternalError'];

/** The seeds' example requests, as wire requests. */
export function seedExamples(base: string): { name: string; edition: '2019' | 'current'; request: WireRequest; status: number }[] {
  return [
    { name: 'seed 000', edition: '2019', request: smc(base, loadContract('alibaba-smc/CreateReplicationJob@2019').examples.request), status: 200 },
    { name: 'seed 001', edition: 'current', request: smc(base, currentExample), status: 200 },
    { name: 'seed 003', edition: 'current', request: dcs(base, onlinePath, loadContract('huawei-dcs/CreateOnlineMigrationTask').examples.request), status: 200 },
    { name: 'seed 004', edition: 'current', request: dcs(base, migrationPath, loadContract('huawei-dcs/CreateMigrationTask').examples.request), status: 200 },
  ];
}

/** `count` Available source servers with no data disk, ids `${prefix}0`…: enough that one-job-per-source never limits a test. */
export function manySources(prefix: string, count: number): AlibabaSmcTarget['fixtures']['sources'] {
  const make = (i: number) => ({ id: `${prefix}${i}`, state: 'Available', systemDiskUsedGiB: 1, dataDisks: [] });
  return [make(0), ...Array.from({ length: count - 1 }, (_, i) => make(i + 1))];
}

/** Sends a wire request with fetch (to a loopback server, or to an origin msw intercepts). */
export async function send(request: WireRequest): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(request.url, { method: request.method, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) });
  const text = await response.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text };
  }
  return { status: response.status, headers: response.headers, body };
}

/** The error code of an answer of either vendor. */
export function codeOf(body: Record<string, unknown>): unknown {
  return body['Code'] ?? body['error_code'];
}
