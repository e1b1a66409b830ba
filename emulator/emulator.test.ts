import { describe, expect, it } from 'vitest';
import { loadProfile, type TargetProfile } from '../src/profile/load-profile.ts';
import type { WireRequest } from '../src/protocols/wire-request.ts';
import { dcs, smc } from '../test/helpers/emulator-cases.ts';
import { createEmulator, type Emulator } from './emulator.ts';

const base = 'http://emulator.test';
const current = 'alibaba-smc/CreateReplicationJob@current';
const of2019 = 'alibaba-smc/CreateReplicationJob@2019';
const migrationApi = 'huawei-dcs/CreateMigrationTask';
const onlineApi = 'huawei-dcs/CreateOnlineMigrationTask';
const uuid = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
const src = (n: number) => `s-bp1e2fsl57knvuug000${n}`;
const minimal = { RegionId: 'cn-hangzhou', SourceId: src(1) };
const online = { name: 'o', vpc_id: '5e37b3be-950a-48e1-b498-65b63d336481', subnet_id: '40f15ed6-7f85-49d5-ba0e-65b940d4812c', security_group_id: '9df96622-24b7-4813-84b8-ab74552a21d7' };
const migration = { task_name: 't', migration_type: 'online_migration', migration_method: 'full_amount_migration', source_instance: { addrs: '10.0.0.1:6379' }, target_instance: { id: '4cd5dbb8-aacd-4603-b817-3e97d48c7a20' } };

async function call(emulator: Emulator, wire: WireRequest): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await emulator.handle(new Request(wire.url, { method: wire.method, headers: wire.headers, ...(wire.body === undefined ? {} : { body: wire.body }) }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('SMC', () => {
  it('answers {RequestId, JobId} with a UUID and a j- id', async () => {
    const { status, body } = await call(createEmulator(), smc(base, minimal));
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['JobId', 'RequestId']);
    expect(body['RequestId']).toMatch(uuid);
    expect(body['JobId']).toMatch(/^j-[a-z0-9]{20}$/);
  });

  it('returns the first JobId for a repeated ClientToken and creates nothing', async () => {
    const emulator = createEmulator();
    const first = await call(emulator, smc(base, { ...minimal, ClientToken: 'abc' }));
    const again = await call(emulator, smc(base, { ...minimal, ClientToken: 'abc' }));
    expect(again).toMatchObject({ status: 200, body: { JobId: first.body['JobId'] } });
    expect(again.body['RequestId']).not.toBe(first.body['RequestId']);
    expect(emulator.resources(current).size).toBe(1);
  });

  it('refuses an ImageName used by another job in the current edition only', async () => {
    for (const [edition, second] of [['current', 400], ['2019', 200]] as const) {
      const emulator = createEmulator({ edition });
      expect((await call(emulator, smc(base, { ...minimal, SystemDiskSize: 80, ImageName: 'img' }))).status).toBe(200);
      expect((await call(emulator, smc(base, { ...minimal, SourceId: src(2), SystemDiskSize: 80, ImageName: 'img' }))).status, edition).toBe(second);
    }
  });

  it('frees the source, the name and the image name when the job is deleted', async () => {
    const emulator = createEmulator();
    const params = { ...minimal, Name: 'jobName1', ImageName: 'img' };
    const { body } = await call(emulator, smc(base, params));
    expect((await call(emulator, smc(base, params))).status).toBe(400);
    expect((await call(emulator, smc(base, { RegionId: 'cn-hangzhou', JobId: body['JobId'] }, 'DeleteReplicationJob'))).status).toBe(200);
    expect((await call(emulator, smc(base, params))).status).toBe(200);
  });

  it('checks sizes against the source’s used space: above it passes, at it fails', async () => {
    // Source 1: system disk 18 GiB used, data disk 1 15 GiB used (profiles/default.json); the minimum size is 20.
    expect((await call(createEmulator(), smc(base, { ...minimal, SystemDiskSize: 20, DataDisk: [{ Index: 1, Size: 20 }] }))).status).toBe(200);
    const atUsed = await call(createEmulator(), smc(base, { ...minimal, SourceId: 's-xxxxxxxxxxxxxxx', DataDisk: [{ Index: 1, Size: 50 }] }));
    expect(atUsed).toMatchObject({ status: 400, body: { Code: 'InvalidParameter', Message: expect.stringContaining('"DataDisk.1.Size"') } });
  });

  it('takes the quota per run: explicit, the profile’s for its own edition, else the edition’s documented one', () => {
    expect(createEmulator({ quota: 3 }).statefulLimit(current, 'job-quota')).toBe(3);
    expect(createEmulator().statefulLimit(current, 'job-quota')).toBe(1000);
    expect(createEmulator({ edition: '2019' }).statefulLimit(of2019, 'job-quota')).toBe(100);
    const profile = loadProfile();
    const own: TargetProfile = { targets: { 'alibaba-smc': { ...profile.targets['alibaba-smc']!, edition: '2019', quota: 7 } } };
    expect(createEmulator({ profile: own }).statefulLimit(of2019, 'job-quota')).toBe(7);
    expect(createEmulator({ profile: own, edition: 'current' }).statefulLimit(current, 'job-quota')).toBe(1000);
    expect(createEmulator().statefulLimit(migrationApi, 'job-quota')).toBeUndefined();
  });

  it('forgets everything on reset', async () => {
    const emulator = createEmulator();
    const first = await call(emulator, smc(base, { ...minimal, ClientToken: 't' }));
    await call(emulator, dcs(base, '/v2/{project_id}/migration/instance', online));
    emulator.reset();
    expect([emulator.resources(current).size, emulator.resources(onlineApi).size]).toEqual([0, 0]);
    // The token is forgotten too: the same call creates a new job.
    const again = await call(emulator, smc(base, { ...minimal, ClientToken: 't' }));
    expect(again.status).toBe(200);
    expect(again.body['JobId']).not.toBe(first.body['JobId']);
  });

  it('answers in the vendor envelope for a target the profile lacks', async () => {
    const profile = loadProfile();
    const onlyDcs = createEmulator({ profile: { targets: { 'huawei-dcs': profile.targets['huawei-dcs']! } } });
    expect(await call(onlyDcs, smc(base, minimal))).toMatchObject({ status: 404, body: { Code: 'InvalidAction.NotFound' } });
    const onlySmc = createEmulator({ profile: { targets: { 'alibaba-smc': profile.targets['alibaba-smc']! } } });
    expect(await call(onlySmc, dcs(base, '/v2/{project_id}/migration/instance', online))).toMatchObject({ status: 404, body: { error_code: 'APIGW.0101' } });
  });
});

describe('DCS', () => {
  it('answers CreateMigrationTask with a 32-hex id, the name and MIGRATING', async () => {
    const { status, body } = await call(createEmulator(), dcs(base, '/v2/{project_id}/migration-task', migration));
    expect(status).toBe(200);
    expect(body).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), name: 't', status: 'MIGRATING' });
  });

  it('answers CreateOnlineMigrationTask with a UUID instance_id', async () => {
    const { body } = await call(createEmulator(), dcs(base, '/v2/{project_id}/migration/instance', online));
    expect(body).toEqual({ instance_id: expect.stringMatching(uuid) });
  });

  it('deletes tasks of both kinds and echoes the ids it deleted', async () => {
    const emulator = createEmulator();
    const a = (await call(emulator, dcs(base, '/v2/{project_id}/migration-task', migration))).body['id'];
    const b = (await call(emulator, dcs(base, '/v2/{project_id}/migration/instance', online))).body['instance_id'];
    const deleted = await call(emulator, dcs(base, '/v2/{project_id}/migration-tasks/delete', { task_id_list: [a, b, 'nope'] }, 'DELETE'));
    expect(deleted).toEqual({ status: 200, body: { task_id_list: [a, b] } });
    expect(emulator.resources(migrationApi).size + emulator.resources(onlineApi).size).toBe(0);
  });

  it('carries the error in {error_code, error_msg, error_ext_msg} with an X-Request-Id', async () => {
    const response = await createEmulator().handle(new Request(`${base}/v2/nope/migration-task`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }));
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(await response.json()).toEqual({ error_code: 'DCS.4001', error_msg: 'The requested URL does not exist.', error_ext_msg: null });
  });
});

describe('readings and empty values', () => {
  it('treats an empty optional RPC parameter as left out, as the documents say of ScheduledStartTime', async () => {
    const emulator = createEmulator();
    expect(await call(emulator, smc(base, { ...minimal, ScheduledStartTime: '' }))).toMatchObject({ status: 200 });
    // A required one is not left out: its empty value is refused.
    const required = await call(emulator, smc(base, { RegionId: 'cn-hangzhou', SourceId: '' }));
    expect(required.status).toBe(400);
    expect(['MissingParameter', 'InvalidParameter']).toContain(required.body['Code']);
  });

  it('follows the reading it is given, the first listed one otherwise, and refuses one the contracts do not have', async () => {
    const chinese = { ...minimal, Name: '中文名' };
    expect((await call(createEmulator({ readings: new Map([['name-first-character', 'letter']]) }), smc(base, chinese))).status).toBe(400);
    expect((await call(createEmulator(), smc(base, chinese))).status).toBe(200);
    expect(() => createEmulator({ readings: new Map([['name-first-character', 'emoji']]) })).toThrow(/has no reading "emoji"; known: letter-or-chinese, letter/);
    expect(() => createEmulator({ readings: new Map([['no-such', 'x']]) })).toThrow(/no contradiction "no-such"/);
  });
});

describe('the operations served', () => {
  it('serves every discovered operation, one per route: the edition asked for, else the profile’s', () => {
    expect(createEmulator().apis).toEqual([current, migrationApi, onlineApi]);
    expect(createEmulator({ edition: '2019' }).apis).toEqual([of2019, migrationApi, onlineApi]);
  });

  it('serves the operations named, and refuses two on one route, naming them', async () => {
    const onlyOnline = createEmulator({ apis: [onlineApi] });
    expect(onlyOnline.apis).toEqual([onlineApi]);
    expect((await call(onlyOnline, dcs(base, '/v2/{project_id}/migration/instance', online))).status).toBe(200);
    expect(await call(onlyOnline, dcs(base, '/v2/{project_id}/migration-task', migration))).toMatchObject({ status: 404, body: { error_code: 'APIGW.0101' } });
    expect(() => createEmulator({ apis: [of2019, current] })).toThrow(/alibaba-smc\/CreateReplicationJob@2019 and alibaba-smc\/CreateReplicationJob@current share the route RPC Action CreateReplicationJob Version 2019-06-01/);
    expect(() => createEmulator({ apis: ['alibaba-smc/NoSuchOperation'] })).toThrow(/unknown operation alibaba-smc\/NoSuchOperation/);
  });

  it('keeps what each operation created under the id its cleanup call names', async () => {
    const emulator = createEmulator();
    const { body } = await call(emulator, smc(base, { ...minimal, Name: 'kept' }));
    const held = emulator.resources(current).get(body['JobId'] as string);
    expect(held).toMatchObject({ id: body['JobId'], request: { SourceId: src(1), Name: 'kept' }, body });
    expect(emulator.resources(migrationApi).size).toBe(0);
  });
});
