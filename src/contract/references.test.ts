import { describe, expect, it } from 'vitest';
import { loadContract } from './load.ts';
import { sentAt, unboundReferencesOf } from './references.ts';

describe('unbound references', () => {
  it('lists the values that name resources no fixture stands for, as the schemas mark them', () => {
    expect(unboundReferencesOf(loadContract('alibaba-smc/CreateReplicationJob@current').requestSchema)).toEqual(expect.arrayContaining(['/InstanceId', '/InstanceType', '/LaunchTemplateId', '/ResourceGroupId']));
    expect(unboundReferencesOf(loadContract('huawei-dcs/CreateMigrationTask').requestSchema)).toEqual(['/backup_files/bucket_name', '/backup_files/files/*/file_name', '/backup_files/backup_id']);
    expect(unboundReferencesOf(loadContract('huawei-dcs/CreateOnlineMigrationTask').requestSchema)).toEqual([]);
  });

  it('finds those a request sends, every entry of a list', () => {
    const templates = ['/InstanceType', '/backup_files/files/*/file_name', '/Missing'];
    expect(sentAt(templates, { InstanceType: 'ecs.g6.large', backup_files: { files: [{ file_name: 'a' }, { size: '1' }, { file_name: 'b' }] } })).toEqual(['/InstanceType', '/backup_files/files/0/file_name', '/backup_files/files/2/file_name']);
    expect(sentAt(templates, {})).toEqual([]);
  });
});
