import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractFrom, schemasDir, type Contract } from '../src/contract/load.ts';
import { compileSchema } from '../src/contract/validator.ts';
import type { WireRequest } from '../src/protocols/wire-request.ts';
import { dcs, smc } from '../test/helpers/emulator-cases.ts';
import { createEmulator, type Emulator } from './emulator.ts';

// An operation is a folder: copies of two operations under new names, in a copy of schemas/, are
// served with no code of their own (emulator/ does not know their names).
const base = 'http://emulator.test';
const smcCopy = 'alibaba-smc/CopyReplicationJob@current';
const dcsCopy = 'huawei-dcs/CreateOnlineMigrationTaskCopy';
const online = { name: 'o', vpc_id: '5e37b3be-950a-48e1-b498-65b63d336481', subnet_id: '40f15ed6-7f85-49d5-ba0e-65b940d4812c', security_group_id: '9df96622-24b7-4813-84b8-ab74552a21d7' };
let dir: string;
let contracts: Contract[];

/** Copies the operation folder `from` to `to` in the copy of schemas/, its contract.json changed by `edit`. */
async function copyOperation(from: string, to: string, edit: (document: Record<string, unknown>) => void): Promise<void> {
  await cp(path.join(dir, from), path.join(dir, to), { recursive: true });
  const file = path.join(dir, to, 'contract.json');
  const document = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  edit(document);
  await writeFile(file, JSON.stringify(document, null, 2));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mc-operation-folder-'));
  await cp(schemasDir, dir, { recursive: true });
  await copyOperation('huawei-dcs/CreateOnlineMigrationTask', dcsCopy, (document) => {
    Object.assign(document, { id: dcsCopy, operation: 'CreateOnlineMigrationTaskCopy', stateful: [] });
    Object.assign(document['binding'] as object, { path: '/v2/{project_id}/migration/instance-copy' });
  });
  await copyOperation('alibaba-smc/CreateReplicationJob@current', smcCopy, (document) => {
    Object.assign(document, { id: smcCopy, operation: 'CopyReplicationJob', stateful: [] });
    Object.assign(document['binding'] as object, { action: 'CopyReplicationJob' });
  });
  contracts = [loadContractFrom(dir, smcCopy), loadContractFrom(dir, dcsCopy)];
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function call(emulator: Emulator, wire: WireRequest): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await emulator.handle(new Request(wire.url, { method: wire.method, headers: wire.headers, ...(wire.body === undefined ? {} : { body: wire.body }) }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Whether a body fits the operation's documented success schema. */
const fitsSchema = (contract: Contract, body: unknown): boolean => compileSchema(contract.responseSchemas.get(200)!)(body) as boolean;

describe('an operation copied to a new folder', () => {
  it('is served from its contract alone, next to nothing else', () => {
    const emulator = createEmulator({ contracts });
    expect(emulator.apis).toEqual([smcCopy, dcsCopy]);
  });

  it('RPC: answers a valid call with a body of the documented shape, and its cleanup call deletes what it created', async () => {
    const emulator = createEmulator({ contracts });
    const [contract] = contracts;
    const created = await call(emulator, smc(base, { RegionId: 'cn-hangzhou', SourceId: 's-bp1e2fsl57knvuug0001', Name: 'copy1' }, 'CopyReplicationJob'));
    expect(created.status).toBe(200);
    expect(fitsSchema(contract!, created.body)).toBe(true);
    expect(created.body).toEqual({ RequestId: expect.stringMatching(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/), JobId: expect.stringMatching(/^j-[a-z0-9]{20}$/) });
    expect([...emulator.resources(smcCopy).keys()]).toEqual([created.body['JobId']]);
    // Its contract lists no stateful rule: the same source and name again is no error.
    expect((await call(emulator, smc(base, { RegionId: 'cn-hangzhou', SourceId: 's-bp1e2fsl57knvuug0001', Name: 'copy1' }, 'CopyReplicationJob'))).status).toBe(200);
    // Its parameters are still the contract's.
    expect(await call(emulator, smc(base, { RegionId: 'cn-hangzhou' }, 'CopyReplicationJob'))).toMatchObject({ status: 400, body: { Code: 'MissingParameter' } });
    // The operation it was copied from is not served here.
    expect(await call(emulator, smc(base, { RegionId: 'cn-hangzhou', SourceId: 's-bp1e2fsl57knvuug0001' }))).toMatchObject({ status: 404, body: { Code: 'InvalidAction.NotFound' } });
    const deleted = await call(emulator, smc(base, { RegionId: 'cn-hangzhou', JobId: created.body['JobId'] }, 'DeleteReplicationJob'));
    expect(deleted).toEqual({ status: 200, body: { RequestId: expect.any(String) } });
    expect(emulator.resources(smcCopy).size).toBe(1);
    expect(await call(emulator, smc(base, { RegionId: 'cn-hangzhou', JobId: created.body['JobId'] }, 'DeleteReplicationJob'))).toMatchObject({ status: 400, body: { Code: 'InvalidParameter' } });
  });

  it('REST: answers a valid call with a body of the documented shape, and its cleanup call deletes what it created', async () => {
    const emulator = createEmulator({ contracts });
    const [, contract] = contracts;
    const created = await call(emulator, dcs(base, '/v2/{project_id}/migration/instance-copy', online));
    expect(created.status).toBe(200);
    expect(fitsSchema(contract!, created.body)).toBe(true);
    expect(created.body).toEqual({ instance_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/) });
    expect(emulator.resources(dcsCopy).size).toBe(1);
    expect(await call(emulator, dcs(base, '/v2/{project_id}/migration/instance-copy', { ...online, name: undefined }))).toMatchObject({ status: 400, body: { error_code: 'DCS.4062' } });
    expect(await call(emulator, dcs(base, '/v2/{project_id}/migration/instance', online))).toMatchObject({ status: 404, body: { error_code: 'APIGW.0101' } });
    const id = created.body['instance_id'];
    const deleted = await call(emulator, dcs(base, '/v2/{project_id}/migration-tasks/delete', { task_id_list: [id, 'nope'] }, 'DELETE'));
    expect(deleted).toEqual({ status: 200, body: { task_id_list: [id] } });
    expect(emulator.resources(dcsCopy).size).toBe(0);
  });
});
