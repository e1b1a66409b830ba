import type { StarterTarget } from '../adapter.ts';

/** An SMC target to fill in: the public endpoint, the current edition, fixtures of placeholders. */
export const smcStarterTarget: StarterTarget = {
  config: {
    endpoint: 'https://smc.aliyuncs.com',
    edition: 'current',
    regionId: 'cn-hangzhou',
    cleanup: 'api',
    fixtures: {
      sources: [{ id: 's-REPLACE-WITH-A-SOURCE-SERVER-ID', state: 'Available', systemDiskUsedGiB: 20, dataDisks: [{ index: 1, usedGiB: 10 }] }],
      vpcs: [{ vpcId: 'vpc-REPLACE-WITH-A-VPC-ID', vSwitchIds: ['vsw-REPLACE-WITH-A-VSWITCH-ID'] }],
      imageNames: [],
    },
  },
  toFill: [
    "endpoint: https://smc.aliyuncs.com, or an emulator's URL (`migration-conformance serve` prints it)",
    'edition: the doc edition the target is held to, current or 2019',
    'regionId: the region of the source servers and the VPCs below',
    'fixtures.sources: source servers already imported into SMC, with their state (only Available ones take a job) and the GiB used on the system disk and on each data disk (by index)',
    'fixtures.vpcs: VPCs with their VSwitches, for cases that set VpcId and VSwitchId',
    'fixtures.imageNames: images that already exist in the region, for cases about a name in use',
    "credentials: keep them out of the file: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET in the CI job's secrets",
  ],
};
