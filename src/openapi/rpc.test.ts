import { describe, expect, it } from 'vitest';
import type { RpcBinding } from '../generated/contract-document.ts';
import { formSchema, positionPattern, rpcOperations, type RpcOperationInput } from './rpc.ts';
import { toStandardSchema, type JsonSchema } from './schema.ts';
import { compileStandard } from './testing/standard-ajv.ts';

const binding: RpcBinding = { style: 'rpc', methods: ['GET', 'POST'], path: '/', action: 'CreateThing', version: '2020-01-01', host: 'thing.test', successStatus: 200, cleanup: { action: 'DeleteThing', params: {} } };

const request = toStandardSchema({
  type: 'object',
  required: ['RegionId'],
  properties: {
    RegionId: { type: 'string', description: 'The region.' },
    TargetType: { type: 'string', enum: ['Image'] },
    Size: { type: 'integer', minimum: 20 },
    DataDisk: {
      type: 'array',
      maxItems: 16,
      items: { type: 'object', required: ['Size'], properties: { Size: { type: 'integer', maximum: 32768 }, Part: { type: 'array', items: { type: 'object', properties: { Path: { type: 'string' } } } } } },
    },
    Disks: { type: 'object', required: ['System'], properties: { System: { type: 'object', required: ['Size'], properties: { Size: { type: 'integer' } } } } },
  },
  requiredWhen: [
    { property: 'DataDisk', when: { property: 'TargetType', equals: 'Image' } },
    { property: 'Size', when: { property: 'TargetType', equals: 'Image' } },
  ],
});

const input: RpcOperationInput = { binding, operationId: 'CreateThing', summary: 'Create a thing', tag: 'thing', request, rules: [], responses: {}, formSchemaName: 'CreateThingForm' };

describe('list positions', () => {
  it.each([1, 9, 10, 16, 20, 99])('1 to %i, canonical only', (max) => {
    const positions = new RegExp(`^(?:${positionPattern(max)})$`);
    for (let n = 0; n <= max + 11; n++) expect(positions.test(String(n)), String(n)).toBe(n >= 1 && n <= max);
    expect(positions.test('01')).toBe(false);
  });

  it('any position without a maximum (or past 99), still without leading zeros', () => {
    for (const max of [undefined, 100]) {
      const positions = new RegExp(`^(?:${positionPattern(max)})$`);
      expect(['1', '10', '1000'].every((n) => positions.test(n))).toBe(true);
      expect(['0', '01', ''].some((n) => positions.test(n))).toBe(false);
    }
  });
});

describe('RPC parameters on the wire', () => {
  const get = rpcOperations(input)['get'];
  const parameter = (name: string) => get?.parameters.find((p) => p.name === name);

  it('a scalar is a query parameter of its own name; Action and Version are constants', () => {
    expect(parameter('RegionId')).toMatchObject({ in: 'query', required: true, description: 'The region.', schema: { type: 'string' } });
    expect(parameter('Action')).toMatchObject({ required: true, schema: { const: 'CreateThing' } });
    expect(parameter('Version')).toMatchObject({ required: true, schema: { const: '2020-01-01' } });
  });

  it('a list is one exploded form object keyed by wire names, positions bounded by maxItems', () => {
    const dataDisk = parameter('DataDisk');
    expect(dataDisk).toMatchObject({ in: 'query', required: false, style: 'form', explode: true });
    expect(dataDisk?.description).toContain('`DataDisk.N.Size`, `DataDisk.N.Part.N.Path`');
    const validate = compileStandard(dataDisk?.schema as JsonSchema);
    expect(validate({ 'DataDisk.1.Size': 100, 'DataDisk.16.Size': 20, 'DataDisk.2.Part.3.Path': '/boot' })).toBe(true);
    for (const wrong of [{ 'DataDisk.17.Size': 100 }, { 'DataDisk.0.Size': 100 }, { 'DataDisk.1.Size': 40000 }, { 'DataDisk.1.Name': 'x' }, { 'DataDisk.01.Size': 100 }]) expect(validate(wrong), JSON.stringify(wrong)).toBe(false);
    // The rules between a list's entries stay in the structured schema.
    expect(dataDisk?.schema['x-structured-schema']).toEqual((request['properties'] as Record<string, JsonSchema>)['DataDisk']);
  });

  it('an object flattens to dotted names; a name required at every level is required in the parameter', () => {
    const disks = parameter('Disks');
    expect(disks?.schema).toMatchObject({ properties: { 'Disks.System.Size': { type: 'integer' } }, required: ['Disks.System.Size'] });
  });

  it('POST takes the same parameters, none required (they may come in the form body), and a form body', () => {
    const post = rpcOperations(input)['post'];
    expect(post?.parameters.map((p) => p.name)).toEqual(get?.parameters.map((p) => p.name));
    expect(post?.parameters.filter((p) => p.required)).toEqual([]);
    expect(post?.requestBody?.content['application/x-www-form-urlencoded']?.schema).toEqual({ $ref: '#/components/schemas/CreateThingForm' });
    expect(get?.operationId).not.toBe(post?.operationId);
  });

  it('the form body states requirements between top-level parameters: a list is given when a name in its namespace is', () => {
    const validate = compileStandard(formSchema(input));
    const base = { Action: 'CreateThing', Version: '2020-01-01', RegionId: 'r' };
    expect(validate(base)).toBe(true);
    expect(validate({ ...base, TargetType: 'Image', Size: 20 })).toBe(false);
    expect(validate({ ...base, TargetType: 'Image', 'DataDisk.1.Size': 100 })).toBe(false);
    expect(validate({ ...base, TargetType: 'Image', Size: 20, 'DataDisk.1.Size': 100 })).toBe(true);
    expect(validate({ ...base, TargetType: 'Image', Size: 20, DataDiskSize: 1 })).toBe(false);
    expect(validate({ Action: 'CreateThing', Version: '2020-01-01' })).toBe(false);
    // ACS3 sends Action and Version as x-acs-* headers: the body holds the operation's parameters only.
    expect(validate({ RegionId: 'r' })).toBe(true);
    expect(validate({ Action: 'OtherThing', RegionId: 'r' })).toBe(false);
  });
});
