import { describe, expect, it } from 'vitest';
import { loadAllContracts, loadContract } from '../src/contract/load.ts';
import { cataloguedError, enforces, fillMessage, invalidParameter, missingParameter, statefulError, statefulLimit } from './documented-error.ts';

const smc2019 = loadContract('alibaba-smc/CreateReplicationJob@2019');
const smcCurrent = loadContract('alibaba-smc/CreateReplicationJob@current');
const dcs = loadContract('huawei-dcs/CreateMigrationTask');

describe('fillMessage', () => {
  it('fills %s, {0} and {} in order and leaves placeholders without an argument', () => {
    expect(fillMessage('status: %s is invalid; only %s.', ['Ready', 'Available'])).toBe('status: Ready is invalid; only Available.');
    expect(fillMessage('Invalid {0} parameter in the request.', ['task_name'])).toBe('Invalid task_name parameter in the request.');
    expect(fillMessage('a %s b %s', ['x'])).toBe('a x b %s');
  });
});

describe('the answers come from the contract', () => {
  it('takes status and message from the edition table first, then the global catalogue', () => {
    expect(cataloguedError(smc2019, 'SourceServerState.Invalid')).toEqual({ status: 400, code: 'SourceServerState.Invalid', message: 'The specified source server status is invalid.' });
    expect(statefulError(smcCurrent, 'source-must-be-available', ['Unavailable', 'Available'])?.message).toBe(
      'The specified source server status: Unavailable is invalid. This operation can only be performed in the following status: Available.',
    );
    expect(cataloguedError(dcs, 'DCS.3022')).toMatchObject({ status: 404, message: 'This DCS instance does not exist.' });
    expect(() => cataloguedError(dcs, 'NoSuch.Code')).toThrow(/in no catalogue/);
  });

  it('names the parameter as the vendors do', () => {
    expect(missingParameter(smcCurrent, 'SourceId')).toEqual({ status: 400, code: 'MissingParameter', message: 'The input parameter "SourceId" that is mandatory for processing this request is not supplied.' });
    expect(invalidParameter(smcCurrent, 'SystemDiskSize', 'Too big.').message).toBe('The specified value of parameter "SystemDiskSize" is not valid. Too big.');
    expect(invalidParameter(dcs, 'task_name')).toEqual({ status: 400, code: 'DCS.4062', message: 'Invalid task_name parameter in the request.' });
  });

  it('enforces ImageName uniqueness only where the edition documents a code for it', () => {
    expect(enforces(smcCurrent, 'image-name-used-by-job')).toBe(true);
    expect(enforces(smc2019, 'image-name-used-by-job')).toBe(false);
    expect(statefulError(smc2019, 'disk-size-above-used')).toBeUndefined();
  });

  it('reads the editions’ quotas', () => {
    expect([statefulLimit(smc2019, 'job-quota'), statefulLimit(smcCurrent, 'job-quota')]).toEqual([100, 1000]);
  });

  it('finds every code the contracts attach to a stateful rule in a catalogue', () => {
    for (const contract of loadAllContracts()) for (const rule of contract.document.stateful) if (rule.code) expect(() => cataloguedError(contract, rule.code!), `${contract.id} ${rule.id}`).not.toThrow();
  });
});
