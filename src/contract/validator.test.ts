import { describe, expect, it } from 'vitest';
import { fixedClock } from '../keywords/clock.ts';
import { loadContract } from './load.ts';
import { createRequestValidator } from './validator.ts';

const current = loadContract('alibaba-smc/CreateReplicationJob@current');
const dcs = loadContract('huawei-dcs/CreateMigrationTask');
const clock = fixedClock('2026-11-22T12:00:00Z');
const validateCurrent = createRequestValidator(current, { clock });
const base = { RegionId: 'cn-hangzhou', SourceId: 's-1' };

describe('createRequestValidator', () => {
  it('names rules by id with the pointer of the offending value', () => {
    const result = validateCurrent({ ...base, Tag: Array.from({ length: 21 }, (_, i) => ({ Key: `k${i}`, Value: '' })), DataDisk: [{ Index: 17, Size: 100 }] });
    expect(result.valid).toBe(false);
    expect(result.violations.map((v) => [v.rule, v.pointer])).toEqual([
      ['DataDisk.Index.maximum', '/DataDisk/0/Index'],
      ['Tag.maxItems', '/Tag'],
    ]);
  });

  it('reports conditional requirements by the missing property and its condition', () => {
    const result = validateCurrent({ ...base, NetMode: 2, RunOnce: false, Frequency: 12 });
    expect(result.violations.map((v) => [v.rule, v.pointer])).toEqual([
      ['VSwitchId.requiredWhen.NetMode', '/VSwitchId'],
      ['MaxNumberOfImageToKeep.requiredWhen.RunOnce', '/MaxNumberOfImageToKeep'],
    ]);
  });

  it('checks date windows against the given clock, to the second', () => {
    const at = (time: string) => validateCurrent({ ...base, ScheduledStartTime: time }).violations.map((v) => v.rule);
    expect(at('2026-11-22T12:00:00Z')).toEqual(['ScheduledStartTime.timeWindow.after']);
    expect(at('2026-11-22T12:00:01Z')).toEqual([]);
    expect(at('2026-12-22T12:00:00Z')).toEqual([]);
    expect(at('2026-12-22T12:00:01Z')).toEqual(['ScheduledStartTime.timeWindow.notAfter']);
    expect(at('2026-11-23T12:00:00+08:00')).toEqual(['ScheduledStartTime.format']);
    const valid = (time: string) => validateCurrent({ ...base, ValidTime: time }).violations.map((v) => v.rule);
    expect(valid('2026-11-29T11:59:59Z')).toEqual(['ValidTime.timeWindow.after']);
    expect(valid('2026-11-29T12:00:00Z')).toEqual([]);
    expect(valid('2027-02-20T12:00:00Z')).toEqual([]);
    expect(valid('2027-02-20T12:00:01Z')).toEqual(['ValidTime.timeWindow.notAfter']);
  });

  it('holds the schema as written, the strictest reading, and names the contradiction that reads a rule otherwise', () => {
    const result = validateCurrent({ ...base, TargetType: 'Image' });
    expect(result.valid).toBe(false);
    expect(result.violations.map((v) => [v.rule, v.ambiguous])).toEqual([
      ['ImageName.requiredWhen.TargetType', 'image-target-required-params'],
      ['SystemDiskSize.requiredWhen.TargetType', 'image-target-required-params'],
      ['DataDisk.requiredWhen.TargetType', 'image-target-required-params'],
    ]);
  });

  it('checks JSON types, nested requirements and enums of the DCS body', () => {
    const validateDcs = createRequestValidator(dcs, { clock });
    const result = validateDcs({ task_name: 't', migration_type: 'backupfile_import', migration_method: 'full', target_instance: {}, backup_files: { file_source: 'backup_record', bucket_name: 'b', files: [{ file_name: 1, update_at: '2026-01-01T00:00:00Z' }] } });
    // Rule order is schema order, depth first.
    expect(result.violations.map((v) => v.rule)).toEqual([
      'migration_method.enum',
      'backup_files.backup_id.requiredWhen.file_source',
      'backup_files.files.file_name.type',
      'backup_files.files.update_at.format',
      'target_instance.id.required',
    ]);
  });

  it('says where each rule comes from', () => {
    const [violation] = validateCurrent({ ...base, SystemDiskSize: 2049 }).violations;
    expect(violation?.source[0]).toMatchObject({ seed: '001' });
    expect(violation?.message).toBe('SystemDiskSize must be at most 2048 (got 2049)');
  });
});
