import { describe, expect, it } from 'vitest';
import type { RequestCase } from '../../generators/request-case.ts';
import { loadProfile } from '../profile/load-profile.ts';
import { adapterOf, type Target } from './index.ts';

const createBinder = (target: Target) => adapterOf(target).createBinder(target);

const profile = loadProfile();
const smc = { vendor: 'alibaba' as const, config: profile.targets['alibaba-smc']! };
const valid = (request: Record<string, unknown>, pointer?: string): RequestCase => ({ kind: 'valid', label: 't', request, expected: { outcome: 'accept' }, ...(pointer ? { pointer } : {}) });

/** Freezes a value and everything in it: a binder that writes into a case's request throws. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe('binders', () => {
  it('never write into the case\'s request: generated requests share structure with their base', async () => {
    const smcCase = deepFreeze(valid({ RegionId: 'x', SourceId: 'x', ClientToken: 'abcdefghijklmnop', Name: 'job', ImageName: 'image', SystemDiskSize: 20, DataDisk: [{ Index: 9, Size: 20, Part: [{ Device: '0_1', SizeBytes: 1 }] }], Tag: [{ Key: 'k', Value: 'v' }], VpcId: 'v', VSwitchId: 'w' }));
    const before = JSON.stringify(smcCase.request);
    const bound = await createBinder(smc).bind(smcCase);
    expect('request' in bound && bound.request['SourceId']).not.toBe('x');
    expect(JSON.stringify(smcCase.request)).toBe(before);
    const dcs = { vendor: 'huawei' as const, config: profile.targets['huawei-dcs']! };
    const dcsCase = deepFreeze(valid({ task_name: 't', vpc_id: 'v', subnet_id: 's', security_group_id: 'g', target_instance: { id: 'x', name: 'n' }, source_instance: { addrs: '10.0.0.1:6379' } }));
    const dcsBound = await createBinder(dcs).bind(dcsCase);
    expect('request' in dcsBound && (dcsBound.request['target_instance'] as { id: string }).id).not.toBe('x');
    expect((dcsCase.request['target_instance'] as { id: string }).id).toBe('x');
  });
});

describe('createBinder (SMC)', () => {
  it('puts fixture ids in place: region, an Available source with room, existing disk indexes, a VSwitch of the VPC', async () => {
    const binder = createBinder(smc);
    const bound = await binder.bind(valid({ RegionId: 'x', SourceId: 'x', SystemDiskSize: 20, DataDisk: [{ Index: 9, Size: 20 }, { Index: 9, Size: 20 }], VpcId: 'v', VSwitchId: 'w' }));
    expect('request' in bound).toBe(true);
    if (!('request' in bound)) return;
    const sources = profile.targets['alibaba-smc']!.fixtures.sources;
    const source = sources.find((s) => s.id === bound.request['SourceId'])!;
    expect(source.state).toBe('Available');
    expect(source.systemDiskUsedGiB).toBeLessThan(20);
    const indexes = (bound.request['DataDisk'] as { Index: number }[]).map((d) => d.Index);
    expect(new Set(indexes).size).toBe(2);
    for (const index of indexes) expect(source.dataDisks?.some((d) => d.index === index && d.usedGiB < 20)).toBe(true);
    expect(bound.request['RegionId']).toBe('cn-hangzhou');
    const vpc = profile.targets['alibaba-smc']!.fixtures.vpcs!.find((v) => v.vpcId === bound.request['VpcId'])!;
    expect(vpc.vSwitchIds).toContain(bound.request['VSwitchId']);
    bound.done({ created: false, kept: false });
  });

  it('leaves the value under test alone and finds a source that has it', async () => {
    const bound = await createBinder(smc).bind(valid({ RegionId: 'r', SourceId: 's', DataDisk: [{ Index: 16, Size: 20 }] }, '/DataDisk/0/Index'));
    expect('request' in bound && (bound.request['DataDisk'] as { Index: number }[])[0]?.Index).toBe(16);
    expect('request' in bound && bound.request['SourceId']).toBe('s-bp1e2fsl57knvuug0004');
  });

  it('leases a source to one case at a time, and says when the fixtures are used up', async () => {
    const binder = createBinder(smc);
    const available = profile.targets['alibaba-smc']!.fixtures.sources.filter((s) => s.state === 'Available').length;
    const leases = await Promise.all(Array.from({ length: available }, () => binder.bind(valid({ RegionId: 'r', SourceId: 's' }))));
    const ids = leases.map((l) => ('request' in l ? l.request['SourceId'] : undefined));
    expect(new Set(ids).size).toBe(available);
    for (const lease of leases) if ('done' in lease) lease.done({ created: true, kept: true });
    expect(await binder.bind(valid({ RegionId: 'r', SourceId: 's' }))).toEqual({ skipped: 'every Available source of the profile is used up' });
  });
});

describe('binding honours every fact of the fixture', () => {
  // A source whose data disk 3 has 1,921 GiB used: a 365 GiB disk must not land on it.
  const source = { id: 's-big', state: 'Available' as const, systemDiskUsedGiB: 30, dataDisks: [{ index: 1, usedGiB: 10 }, { index: 2, usedGiB: 50 }, { index: 3, usedGiB: 1921 }] };
  const target = { vendor: 'alibaba' as const, config: { ...smc.config, fixtures: { ...smc.config.fixtures, sources: [source] as [typeof source] } } };
  const violation = (request: Record<string, unknown>, pointer: string): RequestCase => ({ kind: 'violation', label: 't', pointer, request, expected: { outcome: 'reject', codes: [] } });

  it('gives each data disk a source disk whose used space is below its size, whatever the order', async () => {
    const bound = await createBinder(target).bind(valid({ RegionId: 'r', SourceId: 's', SystemDiskSize: 40, DataDisk: [{ Index: 1, Size: 365 }, { Index: 2, Size: 2000 }, { Index: 3, Size: 60 }] }));
    expect('request' in bound).toBe(true);
    if (!('request' in bound)) return;
    const disks = bound.request['DataDisk'] as { Index: number; Size: number }[];
    for (const disk of disks) expect(disk.Size, JSON.stringify(disks)).toBeGreaterThan(source.dataDisks.find((d) => d.index === disk.Index)!.usedGiB);
    expect(new Set(disks.map((d) => d.Index)).size).toBe(3);
  });

  it('skips a valid case no source can hold, rather than send it with a second fault', async () => {
    const tooSmall = await createBinder(target).bind(valid({ RegionId: 'r', SourceId: 's', SystemDiskSize: 25 }));
    expect(tooSmall).toEqual({ skipped: expect.stringContaining('no Available source of the profile holds this request') });
    const disks = await createBinder(target).bind(valid({ RegionId: 'r', SourceId: 's', DataDisk: [{ Index: 1, Size: 100 }, { Index: 2, Size: 100 }, { Index: 3, Size: 100 }] }));
    expect(disks).toEqual({ skipped: expect.stringContaining('no Available source') });
  });

  it('lets a violation break its own value and nothing else', async () => {
    // SystemDiskSize=19 breaks the minimum; that it is below the used space too is the same parameter.
    const own = await createBinder(target).bind(violation({ RegionId: 'r', SourceId: 's', SystemDiskSize: 19 }, '/SystemDiskSize'));
    expect('request' in own).toBe(true);
    // A data disk too small for every source disk it could get is another value's fault: skipped.
    const other = await createBinder(target).bind(violation({ RegionId: 'r', SourceId: 's', SystemDiskSize: 19, DataDisk: [{ Index: 1, Size: 5 }, { Index: 2, Size: 5 }, { Index: 3, Size: 5 }] }, '/SystemDiskSize'));
    expect(other).toEqual({ skipped: expect.stringContaining('no Available source') });
  });
});

describe('uniqueToken', () => {
  it('never repeats, keeps the length asked for (at least 12)', async () => {
    const { uniqueToken } = await import('./binding.ts');
    const tokens = Array.from({ length: 5000 }, (_, i) => uniqueToken(i % 3 === 0 ? 64 : 5));
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens[0]).toHaveLength(64);
    expect(tokens[1]).toHaveLength(12);
  });
});

describe('names unique among the jobs of a run', () => {
  it('never gives a name again once a job had it, deleted or not: the documents do not say when a deleted job\'s name is free', async () => {
    const binder = createBinder(smc);
    const named = (name: string, pointer?: string) => valid({ RegionId: 'r', SourceId: 's', Name: name }, pointer);
    const first = await binder.bind(named('MyJob'));
    if (!('request' in first)) throw new Error('not bound');
    expect(first.request['Name']).toBe('MyJob');
    first.done({ created: true, kept: false });
    // A generated name gets a variant of the same length; the name a case tests is not sent at all.
    const generated = await binder.bind(named('MyJob'));
    expect('request' in generated && generated.request['Name']).toMatch(/^My.{3}$/);
    expect('request' in generated && generated.request['Name']).not.toBe('MyJob');
    expect(await binder.bind(named('MyJob', '/Name'))).toMatchObject({ skipped: expect.stringContaining('was deleted') });
    // A name no job took (the case was refused) is free again.
    if ('done' in generated) generated.done({ created: false, kept: false });
    const refused = await binder.bind(named('Other', '/Name'));
    if ('done' in refused) refused.done({ created: false, kept: false });
    expect('request' in (await binder.bind(named('Other', '/Name')))).toBe(true);
  });
});

describe('LiveNames', () => {
  it('finds a name no job had even when every variant of a short name is taken', async () => {
    const { LiveNames } = await import('./binding.ts');
    const names = new LiveNames();
    const given = new Set<string>();
    for (let i = 0; i < 200; i += 1) {
      const name = names.claim('ab');
      expect(given.has(name), name).toBe(false);
      expect(name.startsWith('a')).toBe(true);
      given.add(name);
      names.release(name, true);
    }
  });
});
