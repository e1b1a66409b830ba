import { describe, expect, it } from 'vitest';
import { loadContract } from '../src/contract/load.ts';
import { createRequestValidator } from '../src/contract/validator.ts';
import { coerceToSchema } from './coerce.ts';

const contract = loadContract('alibaba-smc/CreateReplicationJob@current');
const coerce = (params: Record<string, unknown>) => coerceToSchema(params, contract.requestSchema) as Record<string, unknown>;

describe('coerceToSchema', () => {
  it('gives integers and booleans their schema types, at any depth', () => {
    expect(coerce({ SystemDiskSize: '80', RunOnce: 'true', DataDisk: [{ Index: '1', Size: '100', Part: [{ Block: 'false', SizeBytes: '254803968' }] }], Disks: { System: { Size: '100', LVM: 'true' } } })).toEqual({
      SystemDiskSize: 80,
      RunOnce: true,
      DataDisk: [{ Index: 1, Size: 100, Part: [{ Block: false, SizeBytes: 254803968 }] }],
      Disks: { System: { Size: 100, LVM: true } },
    });
  });

  it('leaves text that is not exactly a number or a boolean as it came, so the type rule catches it', () => {
    const odd = { SystemDiskSize: 'abc', NetMode: '02', Frequency: '1.5', RunOnce: 'True', JobType: ' 0', Name: '123' };
    expect(coerce(odd)).toEqual(odd);
    const { violations } = createRequestValidator(contract)(coerce({ RegionId: 'cn-hangzhou', SourceId: 's-1', SystemDiskSize: 'abc' }));
    expect(violations.map((v) => v.rule)).toContain('SystemDiskSize.type');
  });

  it('keeps parameters the schema does not know, and strings that are strings', () => {
    expect(coerce({ Unknown: '1', RegionId: '1' })).toEqual({ Unknown: '1', RegionId: '1' });
  });
});
