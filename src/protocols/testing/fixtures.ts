/**
 * Test support: realistic request payloads for the two create operations
 * (values from the seed docs' examples, plus characters that need encoding).
 *
 * @module
 */

/** SMC CreateReplicationJob parameters (reference A.5), in SDK object form. */
export const createReplicationJobRequest = {
  RegionId: 'cn-hangzhou',
  SourceId: 's-bp1e2fsl57knvuug****',
  Name: 'MigrationTask',
  Description: "Nightly job: web (01) *primary* ~ 'quoted' 100% done & more + 中文",
  TargetType: 'Image',
  ImageName: 'MyAliCloudImage',
  SystemDiskSize: 80,
  NetMode: 2,
  VSwitchId: 'vsw-bp1ddbrxdlrcbim46****',
  RunOnce: false,
  Frequency: 12,
  MaxNumberOfImageToKeep: 3,
  ReplicationParameters: '{"bandwidth_limit":0,"compress_level":1,"checksum":true}',
  DataDisk: [
    { Index: 1, Size: 100, Part: [{ Device: '0_1', SizeBytes: 1024, Block: true }] },
    { Index: 2, Size: 200 },
  ],
  SystemDiskPart: [{ Device: '0_1', SizeBytes: 1024, Block: false }],
  Tag: [
    { Key: 'env', Value: 'test' },
    { Key: 'owner', Value: '' },
  ],
} as const;

/** CreateReplicationJob's `Disks` object, which only the openapi SDK flattens (pop-core cannot). */
export const createReplicationJobDisks = {
  Disks: {
    System: { Size: 50, LVM: true, Part: [{ Path: '/boot', SizeBytes: 1073741824, Block: true }] },
    Data: [{ DiskId: 'd-2ze8xxxx', Size: 100, LVM: false, Part: [{ Path: '/data', SizeBytes: 1024, Block: false }] }],
  },
} as const;

/** DCS CreateMigrationTask body (reference B.3, seed 004 example shape). */
export const createMigrationTaskBody = {
  task_name: 'dcs-migration-test',
  description: 'backup import ✓ "quoted"',
  migration_type: 'backupfile_import',
  migration_method: 'full_amount_migration',
  backup_files: {
    file_source: 'self_build_obs',
    bucket_name: 'redis-backup',
    files: [{ file_name: 'appendonly.aof', size: '1024', update_at: '2020-05-01 12:00:00' }],
  },
  target_instance: { id: 'a4fbf3a1-8f4b-46f3-a8a0-7d8f5a1e2b3c', password: 'Pa55w0rd!' },
} as const;
