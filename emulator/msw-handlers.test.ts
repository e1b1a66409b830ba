import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dcs, send, smc } from '../test/helpers/emulator-cases.ts';
import { createEmulator } from './emulator.ts';
import { createHandlers, vendorEndpoints } from './msw-handlers.ts';

// Every request below is answered in-process by msw: nothing leaves the machine.
const emulator = createEmulator();
const lenient = createEmulator({ readings: new Map([['null-optional-fields', 'absent']]) });
const drifted = createEmulator({ drift: new Map([['SystemDiskSize.maximum', 4096]]) });
const server = setupServer(...createHandlers(emulator), ...createHandlers(emulator, ['https://a.test', 'https://b.test/']), ...createHandlers(lenient, 'https://lenient.test'), ...createHandlers(drifted, 'https://drift.test'));
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

describe('createHandlers with readings', () => {
  it('answer as the emulator reads the documents: null as absent here, a wrong type by default', async () => {
    const online = { name: 'o', description: null, vpc_id: '5e37b3be-950a-48e1-b498-65b63d336481', subnet_id: '40f15ed6-7f85-49d5-ba0e-65b940d4812c', security_group_id: '9df96622-24b7-4813-84b8-ab74552a21d7' };
    expect(await send(dcs('https://lenient.test', '/v2/{project_id}/migration/instance', online))).toMatchObject({ status: 200 });
    expect(await send(dcs('https://a.test', '/v2/{project_id}/migration/instance', online))).toMatchObject({ status: 400, body: { error_code: 'DCS.4062' } });
  });
});

describe('createHandlers with moved bounds', () => {
  it('answer as the emulator moved them: 4096 accepted, 4097 refused, while the documents’ bound stays elsewhere', async () => {
    const create = (base: string, size: number) => send(smc(base, { RegionId: 'cn-hangzhou', SourceId: 's-bp1e2fsl57knvuug0003', SystemDiskSize: size }));
    expect(await create('https://drift.test', 4096)).toMatchObject({ status: 200 });
    expect(await create('https://drift.test', 4097)).toMatchObject({ status: 400, body: { Code: 'InvalidParameter', Message: expect.stringContaining('at most 4096') } });
    expect(await create('https://a.test', 4096)).toMatchObject({ status: 400, body: { Code: 'InvalidParameter', Message: expect.stringContaining('at most 2048') } });
  });
});

describe('createHandlers', () => {
  it('answers at the vendors’ own endpoints by default', async () => {
    expect(await send(smc('https://smc.aliyuncs.com', { RegionId: 'cn-hangzhou', SourceId: 's-bp1e2fsl57knvuug0001' }))).toMatchObject({ status: 200, body: { JobId: expect.stringMatching(/^j-/) } });
    const online = { name: 'o', vpc_id: '5e37b3be-950a-48e1-b498-65b63d336481', subnet_id: '40f15ed6-7f85-49d5-ba0e-65b940d4812c', security_group_id: '9df96622-24b7-4813-84b8-ab74552a21d7' };
    expect(await send(dcs('https://dcs.cn-north-4.myhuaweicloud.com', '/v2/{project_id}/migration/instance', online))).toMatchObject({ status: 200, body: { instance_id: expect.any(String) } });
  });

  it('matches only those endpoints', () => {
    const matches = (url: string) => vendorEndpoints.some((pattern) => pattern.test(url));
    expect(['https://smc.aliyuncs.com/', 'https://smc.cn-hangzhou.aliyuncs.com/', 'https://dcs.ap-southeast-1.myhuaweicloud.com/v2/p/migration-task'].map(matches)).toEqual([true, true, true]);
    expect(['https://ecs.aliyuncs.com/', 'https://smc.aliyuncs.com.evil.test/', 'https://dcs.cn-north-4.myhuaweicloud.com/v1/x', 'https://example.com/'].map(matches)).toEqual([false, false, false, false]);
  });

  it('answers under every base URL given, sharing one state', async () => {
    const before = emulator.resources('alibaba-smc/CreateReplicationJob@current').size;
    expect((await send(smc('https://a.test', { RegionId: 'cn-hangzhou', SourceId: 's-bp1e2fsl57knvuug0002' }))).status).toBe(200);
    expect(await send(smc('https://b.test', { RegionId: 'cn-hangzhou', SourceId: 's-bp1e2fsl57knvuug0002' }))).toMatchObject({ status: 400, body: { Code: 'SourceServerState.Invalid' } });
    expect(emulator.resources('alibaba-smc/CreateReplicationJob@current').size).toBe(before + 1);
  });
});
