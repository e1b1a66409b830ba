import { describe, expect, it } from 'vitest';
import { loadContract } from '../src/contract/load.ts';
import { createRequestValidator } from '../src/contract/validator.ts';
import { parameterName, validationError } from './validation-answer.ts';

describe('parameterName', () => {
  it('spells a pointer the way each wire does', () => {
    expect(parameterName('/DataDisk/0/Part/1/Device', 'rpc')).toBe('DataDisk.1.Part.2.Device');
    expect(parameterName('/backup_files/files/0/file_name', 'rest')).toBe('backup_files.files[0].file_name');
    expect(parameterName('/a~1b', 'rest')).toBe('a/b');
  });
});

describe('validationError', () => {
  const first = (id: Parameters<typeof loadContract>[0], request: unknown) => {
    const contract = loadContract(id);
    return validationError(contract, createRequestValidator(contract)(request).violations[0]!);
  };

  it('answers a missing or conditional parameter with the missing-parameter code', () => {
    expect(first('alibaba-smc/CreateReplicationJob@current', { RegionId: 'cn-hangzhou' })).toEqual({
      status: 400,
      code: 'MissingParameter',
      message: 'The input parameter "SourceId" that is mandatory for processing this request is not supplied.',
    });
    expect(first('alibaba-smc/CreateReplicationJob@current', { RegionId: 'cn-hangzhou', SourceId: 's-1', NetMode: 2 })).toMatchObject({ code: 'MissingParameter', message: expect.stringContaining('"VSwitchId"') });
  });

  it('answers any other broken rule with the invalid-parameter code, naming the flattened parameter', () => {
    expect(first('alibaba-smc/CreateReplicationJob@current', { RegionId: 'cn-hangzhou', SourceId: 's-1', DataDisk: [{ Index: 1, Size: 1 }] })).toMatchObject({
      status: 400,
      code: 'InvalidParameter',
      message: expect.stringMatching(/^The specified value of parameter "DataDisk\.1\.Size" is not valid\./),
    });
    expect(first('huawei-dcs/CreateOnlineMigrationTask', { vpc_id: 'v', subnet_id: 's', security_group_id: 'g' })).toEqual({ status: 400, code: 'DCS.4062', message: 'Invalid name parameter in the request.' });
  });
});
