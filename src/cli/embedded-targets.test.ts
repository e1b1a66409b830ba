import { expect, it } from 'vitest';
import { send, smc } from '../../test/helpers/emulator-cases.ts';
import { startEmbeddedTargets } from './embedded-targets.ts';

it('starts embedded emulators with moved bounds: each edition that has the rule moves it', async () => {
  const embedded = await startEmbeddedTargets(undefined, { drift: new Map([['SystemDiskSize.maximum', 4096]]) });
  try {
    for (const [api, source] of [['alibaba-smc/CreateReplicationJob@current', 's-bp1e2fsl57knvuug0001'], ['alibaba-smc/CreateReplicationJob@2019', 's-bp1e2fsl57knvuug0002']] as const) {
      const endpoint = embedded.targets[api]!.config.endpoint;
      expect((await send(smc(endpoint, { RegionId: 'cn-hangzhou', SourceId: source, SystemDiskSize: 4097 }))).body['Message'], api).toContain('at most 4096');
      expect((await send(smc(endpoint, { RegionId: 'cn-hangzhou', SourceId: source, SystemDiskSize: 4096 }))).status, api).toBe(200);
    }
  } finally {
    await embedded.close();
  }
});

it('refuses a bound no embedded operation has, before starting any server', async () => {
  await expect(startEmbeddedTargets(undefined, { drift: new Map([['Nope.maxItems', 1]]) })).rejects.toThrow(/no served operation has a range, length, count or time-window rule "Nope.maxItems"/);
});
