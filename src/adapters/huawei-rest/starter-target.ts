import type { StarterTarget } from '../adapter.ts';

/** A DCS target to fill in: a regional endpoint, a project and fixtures of placeholders. */
export const dcsStarterTarget: StarterTarget = {
  config: {
    endpoint: 'https://dcs.cn-north-4.myhuaweicloud.com',
    projectId: 'REPLACE-WITH-THE-PROJECT-ID',
    cleanup: 'api',
    fixtures: {
      redisInstances: [{ id: 'REPLACE-WITH-A-DCS-INSTANCE-ID', name: 'migration-target' }],
      vpcs: [{ vpcId: 'REPLACE-WITH-A-VPC-ID', subnetIds: ['REPLACE-WITH-A-SUBNET-ID'], securityGroupIds: ['REPLACE-WITH-A-SECURITY-GROUP-ID'] }],
    },
  },
  toFill: [
    "endpoint: the DCS endpoint of the region (https://dcs.<region>.myhuaweicloud.com), or an emulator's URL (`migration-conformance serve` prints it)",
    'projectId: the project id of that region (console: My Credentials, Projects)',
    'fixtures.redisInstances: DCS Redis instances a migration task may target: id and name',
    'fixtures.vpcs: a VPC with a subnet and a security group, for online migrations from a self-hosted Redis',
    "credentials: keep them out of the file: set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (or an IAM token in HUAWEICLOUD_X_AUTH_TOKEN) in the CI job's secrets",
  ],
};
