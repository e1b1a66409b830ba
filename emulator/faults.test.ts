import { describe, expect, it } from 'vitest';
import { loadAllContracts } from '../src/contract/load.ts';
import type { WireRequest } from '../src/protocols/wire-request.ts';
import { dcs, smc } from '../test/helpers/emulator-cases.ts';
import { createEmulator, type Emulator, type EmulatorOptions } from './emulator.ts';
import { faults, isFaultName, type FaultName } from './faults.ts';

const base = 'http://emulator.test';

/** What a scenario looks at in one answer: nothing random (ids), everything a fault may change. */
interface Seen {
  status: number;
  code?: unknown;
  contentType: string;
  json: boolean;
  keys: string[];
  status_field?: unknown;
  codeLength?: number;
}

async function answer(emulator: Emulator, wire: WireRequest): Promise<Seen & { body: Record<string, unknown> }> {
  const response = await emulator.handle(new Request(wire.url, { method: wire.method, headers: wire.headers, ...(wire.body === undefined ? {} : { body: wire.body }) }));
  const text = await response.text();
  let body: Record<string, unknown> = {};
  let json = true;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = false;
  }
  const code = body['Code'] ?? body['error_code'];
  return {
    status: response.status,
    code,
    contentType: (response.headers.get('content-type') ?? '').split(';')[0]!,
    json,
    keys: Object.keys(body).sort(),
    ...(body['status'] === undefined ? {} : { status_field: body['status'] }),
    ...(typeof code === 'string' ? { codeLength: code.length } : {}),
    body,
  };
}

/** The answer to the last of `calls`, summarised by `pick`. */
const last =
  <T>(calls: (b: string) => WireRequest[], pick: (seen: Seen) => T) =>
  async (emulator: Emulator): Promise<T> => {
    let seen: Seen | undefined;
    for (const call of calls(base)) seen = await answer(emulator, call);
    return pick(seen!);
  };

const statusCode = (s: Seen) => ({ status: s.status, code: s.code ?? null });
const src = (n: number) => `s-bp1e2fsl57knvuug000${n}`;
const minimal = { RegionId: 'cn-hangzhou', SourceId: src(1) };
const migration = { task_name: 't', migration_type: 'online_migration', migration_method: 'full_amount_migration', source_instance: { addrs: '10.0.0.1:6379' }, target_instance: { id: '4cd5dbb8-aacd-4603-b817-3e97d48c7a20' } };
const online = { name: 'o', vpc_id: '5e37b3be-950a-48e1-b498-65b63d336481', subnet_id: '40f15ed6-7f85-49d5-ba0e-65b940d4812c', security_group_id: '9df96622-24b7-4813-84b8-ab74552a21d7' };
const migrationCall = (body: unknown) => dcs(base, '/v2/{project_id}/migration-task', body);
const onlineCall = (body: unknown) => dcs(base, '/v2/{project_id}/migration/instance', body);
const twentyTags = Array.from({ length: 20 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));

/** One scenario per fault: how to look, and what the conforming and the faulty emulator show. */
interface Scenario {
  readonly options?: EmulatorOptions;
  readonly look: (emulator: Emulator) => Promise<unknown>;
  readonly conforming: unknown;
  readonly faulty: unknown;
}

const scenarios: Record<FaultName, Scenario> = {
  'range-off-by-one': {
    look: async (e) => [await last(() => [smc(base, { ...minimal, SystemDiskSize: 2049 })], statusCode)(e), await last(() => [smc(base, { ...minimal, SourceId: src(2), SystemDiskSize: 2050 })], statusCode)(e)],
    conforming: [{ status: 400, code: 'InvalidParameter' }, { status: 400, code: 'InvalidParameter' }],
    faulty: [{ status: 200, code: null }, { status: 400, code: 'InvalidParameter' }],
  },
  'conditional-unenforced': { look: last(() => [smc(base, { ...minimal, NetMode: 2 })], statusCode), conforming: { status: 400, code: 'MissingParameter' }, faulty: { status: 200, code: null } },
  'tag-prefix-accepted': { look: last(() => [smc(base, { ...minimal, Tag: [{ Key: 'aliyun-key', Value: 'v' }] })], statusCode), conforming: { status: 400, code: 'InvalidParameter' }, faulty: { status: 200, code: null } },
  'past-schedule-accepted': { look: last(() => [smc(base, { ...minimal, ScheduledStartTime: '2020-01-01T00:00:00Z' })], statusCode), conforming: { status: 400, code: 'InvalidParameter' }, faulty: { status: 200, code: null } },
  'enum-unenforced': { look: last(() => [smc(base, { ...minimal, NetMode: 1 })], statusCode), conforming: { status: 400, code: 'InvalidParameter' }, faulty: { status: 200, code: null } },
  'name-length-unenforced': { look: last(() => [smc(base, { ...minimal, Name: 'a'.repeat(129) })], statusCode), conforming: { status: 400, code: 'InvalidParameter' }, faulty: { status: 200, code: null } },
  'dcs-target-id-optional': { look: last(() => [migrationCall({ ...migration, target_instance: {} })], statusCode), conforming: { status: 400, code: 'DCS.4062' }, faulty: { status: 200, code: null } },
  'validation-500': {
    look: async (e) => [await last(() => [smc(base, { RegionId: 'cn-hangzhou' })], statusCode)(e), await last(() => [onlineCall({ ...online, name: undefined })], statusCode)(e)],
    conforming: [{ status: 400, code: 'MissingParameter' }, { status: 400, code: 'DCS.4062' }],
    faulty: [{ status: 500, code: 'InternalError' }, { status: 500, code: 'DCS.5000' }],
  },
  'status-404-for-validation': { look: last(() => [smc(base, { RegionId: 'cn-hangzhou' })], statusCode), conforming: { status: 400, code: 'MissingParameter' }, faulty: { status: 404, code: 'MissingParameter' } },
  'error-status-200': { look: last(() => [smc(base, { RegionId: 'cn-hangzhou' })], statusCode), conforming: { status: 400, code: 'MissingParameter' }, faulty: { status: 200, code: 'MissingParameter' } },
  'wrong-code-duplicate-name': {
    look: last(() => [smc(base, { ...minimal, Name: 'jobName1' }), smc(base, { ...minimal, SourceId: src(2), Name: 'jobName1' })], statusCode),
    conforming: { status: 400, code: 'ReplicationJobName.Duplicate' },
    faulty: { status: 400, code: 'InvalidParameter' },
  },
  'names-not-unique': { look: last(() => [smc(base, { ...minimal, Name: 'jobName1' }), smc(base, { ...minimal, SourceId: src(2), Name: 'jobName1' })], statusCode), conforming: { status: 400, code: 'ReplicationJobName.Duplicate' }, faulty: { status: 200, code: null } },
  'busy-source-accepted': { look: last(() => [smc(base, minimal), smc(base, minimal)], statusCode), conforming: { status: 400, code: 'SourceServerState.Invalid' }, faulty: { status: 200, code: null } },
  'unavailable-source-accepted': { look: last(() => [smc(base, { ...minimal, SourceId: src(5) })], statusCode), conforming: { status: 400, code: 'SourceServerState.Invalid' }, faulty: { status: 200, code: null } },
  'quota-off-by-one': {
    options: { quota: 1 },
    look: async (e) => [await last(() => [smc(base, minimal), smc(base, { ...minimal, SourceId: src(2) })], statusCode)(e), await last(() => [smc(base, { ...minimal, SourceId: src(3) })], statusCode)(e)],
    conforming: [{ status: 400, code: 'QuotaExceeded.ReplicationJob' }, { status: 400, code: 'QuotaExceeded.ReplicationJob' }],
    faulty: [{ status: 200, code: null }, { status: 400, code: 'QuotaExceeded.ReplicationJob' }],
  },
  'malformed-json-500': {
    look: last(() => [{ ...dcs(base, '/v2/{project_id}/migration-task', {}), body: '{"task_name": ' }], statusCode),
    conforming: { status: 400, code: 'DCS.4005' },
    faulty: { status: 500, code: 'DCS.5000' },
  },
  'quota-unenforced': {
    options: { quota: 1 },
    look: last(() => [smc(base, minimal), smc(base, { ...minimal, SourceId: src(2) }), smc(base, { ...minimal, SourceId: src(3) })], statusCode),
    conforming: { status: 400, code: 'QuotaExceeded.ReplicationJob' },
    faulty: { status: 200, code: null },
  },
  'image-name-reuse': { look: last(() => [smc(base, { ...minimal, ImageName: 'img' }), smc(base, { ...minimal, SourceId: src(2), ImageName: 'img' })], statusCode), conforming: { status: 400, code: 'ImageName.UsedByReplicationJob' }, faulty: { status: 200, code: null } },
  'vswitch-mismatch-accepted': { look: last(() => [smc(base, { ...minimal, VpcId: 'vpc-bp1vwnn14rqpyiczj0002', VSwitchId: 'vsw-bp1ddbrxdlrcbim460001' })], statusCode), conforming: { status: 400, code: 'VSwitchIdVpcId.Mismatch' }, faulty: { status: 200, code: null } },
  'rejects-twenty-tags': { look: last(() => [smc(base, { ...minimal, Tag: twentyTags })], statusCode), conforming: { status: 200, code: null }, faulty: { status: 400, code: 'InvalidParameter' } },
  'dcs-unknown-target-accepted': { look: last(() => [migrationCall({ ...migration, target_instance: { id: 'nope' } })], statusCode), conforming: { status: 404, code: 'DCS.3022' }, faulty: { status: 200, code: null } },
  'dcs-unknown-vpc-accepted': { look: last(() => [onlineCall({ ...online, vpc_id: 'nope' })], statusCode), conforming: { status: 400, code: 'DCS.4068' }, faulty: { status: 200, code: null } },
  'idempotency-ignored': {
    look: async (e) => {
      const first = await answer(e, smc(base, { ...minimal, ClientToken: 'token-1' }));
      const again = await answer(e, smc(base, { ...minimal, SourceId: src(2), ClientToken: 'token-1' }));
      return { sameJobId: first.body['JobId'] === again.body['JobId'], jobs: e.resources('alibaba-smc/CreateReplicationJob@current').size };
    },
    conforming: { sameJobId: true, jobs: 1 },
    faulty: { sameJobId: false, jobs: 2 },
  },
  'missing-request-id': { look: last(() => [smc(base, minimal)], (s) => s.keys), conforming: ['JobId', 'RequestId'], faulty: ['JobId'] },
  'error-without-code': { look: last(() => [smc(base, { RegionId: 'cn-hangzhou' })], (s) => s.keys), conforming: ['Code', 'HostId', 'Message', 'Recommend', 'RequestId'], faulty: ['HostId', 'Message', 'Recommend', 'RequestId'] },
  'undocumented-code': { look: last(() => [smc(base, { RegionId: 'cn-hangzhou' })], statusCode), conforming: { status: 400, code: 'MissingParameter' }, faulty: { status: 400, code: 'InvalidParam.Value' } },
  'text-content-type': {
    look: async (e) => [await last(() => [smc(base, minimal)], (s) => s.contentType)(e), await last(() => [onlineCall(online)], (s) => s.contentType)(e)],
    conforming: ['application/json', 'application/json'],
    faulty: ['text/plain', 'text/plain'],
  },
  'error-body-not-json': {
    look: async (e) => [await last(() => [smc(base, { RegionId: 'cn-hangzhou' })], (s) => s.json)(e), await last(() => [onlineCall({})], (s) => s.json)(e), await last(() => [smc(base, minimal)], (s) => s.json)(e)],
    conforming: [true, true, true],
    faulty: [false, false, true],
  },
  'dcs-long-error-code': { look: last(() => [onlineCall({})], (s) => (s.codeLength ?? 0) > 9), conforming: false, faulty: true },
  'dcs-status-outside-enum': { look: last(() => [migrationCall(migration)], (s) => s.status_field), conforming: 'MIGRATING', faulty: 'RUNNING' },
  'dcs-online-missing-id': { look: last(() => [onlineCall(online)], (s) => s.keys), conforming: ['instance_id'], faulty: [] },
};

describe('the fault registry', () => {
  it('has unique names, each with a scenario below', () => {
    const names = faults.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(scenarios).sort()).toEqual([...names].sort());
  });

  it('names, for every validation fault, a rule of some contract', () => {
    const rules = new Set(loadAllContracts().flatMap((c) => c.rules.map((r) => r.id)));
    for (const fault of faults.filter((f) => f.hook === 'validation')) expect(rules, fault.name).toContain((fault as { rule?: string }).rule);
  });

  it('refuses an unknown fault name', () => {
    expect(isFaultName('range-off-by-one')).toBe(true);
    expect(() => createEmulator({ faults: ['no-such-fault'] })).toThrow(/unknown fault no-such-fault/);
  });

  it('is opt-in: the default emulator has no fault', () => {
    expect(createEmulator().faults).toEqual([]);
  });
});

describe('each fault is observable against the conforming emulator', () => {
  it.each(faults.map((f) => [f.name, f.description] as const))('%s: %s', async (name) => {
    const scenario = scenarios[name];
    const conforming = await scenario.look(createEmulator(scenario.options));
    const faulty = await scenario.look(createEmulator({ ...scenario.options, faults: [name] }));
    expect(conforming, 'the conforming emulator').toEqual(scenario.conforming);
    expect(faulty, `with ${name}`).toEqual(scenario.faulty);
  });
});
