import { describe, expect, it } from 'vitest';
import { loadAllContracts } from '../../src/contract/load.ts';
import { faults } from '../faults.ts';
import { rulesOf } from '../operation.ts';
import { rulePlugins } from './index.ts';

const contracts = loadAllContracts();
const listed = new Set(contracts.flatMap((c) => c.document.stateful.map((r) => r.id)));

describe('the rule plug-ins', () => {
  it('are registered once each, in the order the checks run', () => {
    const ids = rulePlugins.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      'client-token-idempotency',
      'source-must-exist',
      'source-must-be-available',
      'one-incomplete-job-per-source',
      'unique-job-name',
      'image-name-used-by-job',
      'data-disk-index-exists',
      'disk-size-above-used',
      'vswitch-in-vpc',
      'job-quota',
      'project-exists',
      'target-instance-exists',
      'vpc-exists',
      'subnet-in-vpc',
      'security-group-exists',
    ]);
  });

  it('implement every stateful rule a contract documents a code for, and each is listed by some contract', () => {
    for (const contract of contracts) expect(() => rulesOf(contract), contract.id).not.toThrow();
    for (const rule of rulePlugins) expect(listed, rule.id).toContain(rule.id);
  });

  it('apply to an operation when its contract lists them: the 2019 edition has no ImageName rule', () => {
    const ids = (id: string) => rulesOf(contracts.find((c) => c.id === id)!).map((r) => r.id);
    expect(ids('alibaba-smc/CreateReplicationJob@current')).toContain('image-name-used-by-job');
    expect(ids('alibaba-smc/CreateReplicationJob@2019')).not.toContain('image-name-used-by-job');
    expect(ids('huawei-dcs/CreateOnlineMigrationTask')).toEqual(['project-exists', 'vpc-exists', 'subnet-in-vpc', 'security-group-exists']);
  });

  it('are what every state and idempotency fault wraps', () => {
    for (const fault of faults.filter((f) => f.hook === 'state' || f.hook === 'idempotency')) {
      const { rule, wrap } = fault as { rule?: string; wrap?: string };
      expect(rulePlugins.map((r) => r.id), fault.name).toContain(rule);
      expect(['disable', 'one-more', 'invalid-parameter'], fault.name).toContain(wrap);
    }
  });
});
