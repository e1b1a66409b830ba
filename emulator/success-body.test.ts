import { describe, expect, it } from 'vitest';
import { loadContract } from '../src/contract/load.ts';
import { cleanupShapeOf } from './cleanup.ts';
import { createSuccessPlan, echoesOf, freshLike, isIdName } from './success-body.ts';

describe('freshLike', () => {
  it('makes a fresh value in the shape of the documented one', () => {
    expect(freshLike('j-bp17bclvg344jlyt****')).toMatch(/^j-[a-z0-9]{20}$/);
    expect(freshLike('8aa6999e71cb638b0171f485f5266ef0')).toMatch(/^[0-9a-f]{32}$/);
    expect(freshLike('C8B26B44-0189-443E-9816-D951F59623A9')).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(freshLike('b21989ec-2889-4b8e-99db-19c073425ec2')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(freshLike('12345')).toMatch(/^\d{5}$/);
    expect(freshLike('j-bp17bclvg344jlyt****')).not.toBe(freshLike('j-bp17bclvg344jlyt****'));
  });

  it('treats as identifiers the fields named like one', () => {
    expect(['RequestId', 'JobId', 'id', 'instance_id', 'InstanceID'].map(isIdName)).toEqual([true, true, true, true, true]);
    expect(['name', 'status', 'valid', 'Paid'].map(isIdName)).toEqual([false, false, false, false]);
  });
});

describe('the success body', () => {
  it('echoes the parameter the documents describe with the same words, else the one of the same name', () => {
    const migration = loadContract('huawei-dcs/CreateMigrationTask');
    expect([...echoesOf(migration, migration.responseSchemas.get(200)!)]).toEqual([['/name', '/task_name']]);
    const smc = loadContract('alibaba-smc/CreateReplicationJob@current');
    expect([...echoesOf(smc, smc.responseSchemas.get(200)!)]).toEqual([]);
  });

  it('takes enumerated values from the example, ids fresh, and the resource id from the cleanup reference', () => {
    const migration = loadContract('huawei-dcs/CreateMigrationTask');
    const plan = createSuccessPlan(migration, cleanupShapeOf(migration).idField);
    expect(plan.idField).toBe('id');
    expect(plan.build({ task_name: 'mine' })).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'mine', status: 'MIGRATING' });
    expect(plan.build({ task_name: 'again' }, 'fixed-id')).toMatchObject({ id: 'fixed-id', name: 'again' });
  });
});

describe('the cleanup shape', () => {
  it('finds where the cleanup call carries the id', () => {
    expect(cleanupShapeOf(loadContract('alibaba-smc/CreateReplicationJob@2019'))).toEqual({ idField: 'JobId', pointer: '/JobId', list: false });
    expect(cleanupShapeOf(loadContract('huawei-dcs/CreateOnlineMigrationTask'))).toEqual({ idField: 'instance_id', pointer: '/task_id_list', list: true });
  });
});
